#include "convstep/io_npy.h"

#include "convstep/json_text.h"
#include "npy_header.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include <sys/stat.h>

namespace convstep {
namespace {

// "name: reason", both translatable.
Error NpyError(const std::string& name, Message reason, Hint hint) {
  return MakeError(Message{"in_file", "{0}: {1}", {name, std::move(reason)}}, "file",
                   std::move(hint));
}

// The values of a Fortran-order (column-major: first axis fastest) array in C order.
FloatBuffer FortranToC(const Shape& shape, const FloatBuffer& fortran) {
  FloatBuffer c_order(fortran.size());  // every element is written below
  std::vector<int64_t> coordinate(shape.size(), 0);
  std::vector<size_t> c_stride(shape.size(), 1);
  for (size_t axis = shape.size(); axis-- > 1;)
    c_stride[axis - 1] = c_stride[axis] * static_cast<size_t>(shape[axis]);
  size_t c_index = 0;
  for (float value : fortran) {
    c_order[c_index] = value;
    for (size_t axis = 0; axis < shape.size(); ++axis) {  // an odometer, first axis fastest
      if (++coordinate[axis] < shape[axis]) {
        c_index += c_stride[axis];
        break;
      }
      c_index -= static_cast<size_t>(coordinate[axis] - 1) * c_stride[axis];
      coordinate[axis] = 0;
    }
  }
  return c_order;
}

// Refuses a float64 value that float32 cannot hold (it would round to infinity), naming it and
// its index, as the JSON and CSV readers refuse 1e39.
Error TooLargeForFloat(const std::string& name, const detail::NpyHeader& header, size_t flat,
                       double value) {
  Shape index(header.shape.size(), 0);
  for (size_t k = 0; k < index.size(); ++k) {  // the file's order: first or last axis fastest
    const size_t axis = header.fortran_order ? k : index.size() - 1 - k;
    index[axis] = static_cast<int64_t>(flat % static_cast<size_t>(header.shape[axis]));
    flat /= static_cast<size_t>(header.shape[axis]);
  }
  return NpyError(name,
                  Message{"npy_too_large",
                          "the value at index {0} is {1}, too large for float32 (it would "
                          "round to infinity)",
                          {FormatShape(index), ShortestDoubleText(value)}},
                  Hint{"npy_float_range",
                       "the largest float32 is 3.4028235e+38; store inf for infinity, or scale "
                       "the values",
                       {}});
}

}  // namespace

Result<std::string> ReadStreamBytes(std::istream& stream, const std::string& name,
                                    uint64_t max_bytes, std::string bytes) {
  std::vector<char> chunk(size_t{1} << 16);
  while (stream.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) ||
         stream.gcount() > 0) {
    const size_t got = static_cast<size_t>(stream.gcount());
    if (bytes.size() + got > max_bytes)
      return MakeError(Message{"file_over_limit",
                               "{0} holds more than {1} bytes, the most ConvStep reads from it",
                               {name, std::to_string(max_bytes)}},
                       "file", Hint{"smaller_file", "use a smaller file", {}});
    bytes.append(chunk.data(), got);
  }
  if (stream.bad())
    return MakeError(Message{"cannot_read", "cannot read {0}", {name}}, "file",
                     Hint{"check_readable", "check that it is readable", {}});
  return Result<std::string>(std::move(bytes));  // moved, not copied
}

Result<std::string> ReadFileBytes(const std::string& path, uint64_t max_bytes) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0)
    return MakeError(Message{"cannot_open", "cannot open {0}", {path}}, "file",
                     Hint{"check_path_permissions", "check the path and permissions", {}});
  if (S_ISDIR(info.st_mode))
    return MakeError(Message{"is_directory", "{0} is a directory, not a file", {path}}, "file",
                     Hint{"name_a_file", "give the path of a file, not of a folder", {}});
  // A device (/dev/zero, a terminal) may never end; a pipe is read up to the limit.
  if (!S_ISREG(info.st_mode) && !S_ISFIFO(info.st_mode))
    return MakeError(Message{"file_is_device", "{0} is a device, not a file", {path}}, "file",
                     Hint{"name_a_file_on_disk", "give the path of a file saved on disk", {}});
  const uint64_t size = S_ISREG(info.st_mode) ? static_cast<uint64_t>(info.st_size) : 0;
  if (size > max_bytes)
    return MakeError(Message{"file_too_large_to_read",
                             "{0} is {1} bytes, more than the {2} bytes ConvStep reads from one "
                             "file",
                             {path, std::to_string(size), std::to_string(max_bytes)}},
                     "file", Hint{"smaller_file", "use a smaller file", {}});
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return MakeError(Message{"cannot_open", "cannot open {0}", {path}}, "file",
                     Hint{"check_path_permissions", "check the path and permissions", {}});
  std::string bytes(static_cast<size_t>(size), '\0');  // the size stat gave, in one read
  file.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<size_t>(file.gcount()));
  if (file.bad())
    return MakeError(Message{"cannot_read", "cannot read {0}", {path}}, "file",
                     Hint{"check_readable", "check that it is readable", {}});
  if (S_ISREG(info.st_mode) && file.gcount() == static_cast<std::streamsize>(size) &&
      file.peek() == std::ifstream::traits_type::eof())
    return Result<std::string>(std::move(bytes));  // the whole file, as stat said
  if (!file.eof()) file.clear();  // a pipe, or a file that grew: read on, up to the limit
  return ReadStreamBytes(file, path, max_bytes, std::move(bytes));
}

Result<Tensor> ReadNpy(const std::string& bytes, const std::string& name, int64_t max_elements) {
  const std::string magic = "\x93NUMPY";
  if (bytes.size() < 10 || bytes.compare(0, magic.size(), magic) != 0)
    return NpyError(
        name, Message{"npy_magic", "not a .npy file (the first bytes are not \\x93NUMPY)", {}},
        Hint{"npy_save_numpy",
             "save the array with numpy.save or torch: np.save('x.npy', t.numpy())",
             {}});
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t header_length = 0, header_start = 0;
  if (major == 1) {
    header_length =
        static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return NpyError(name, Message{"npy_header_truncated", "the header is truncated", {}},
                      Hint{"npy_save_again", "save the file again", {}});
    for (int i = 3; i >= 0; --i)
      header_length = (header_length << 8) | static_cast<unsigned char>(bytes[8 + i]);
    header_start = 12;
  } else {
    return NpyError(
        name, Message{"npy_version", "unknown .npy format version {0}", {std::to_string(major)}},
        Hint{"npy_save_with_numpy", "save it with numpy.save", {}});
  }
  if (header_start + header_length > bytes.size())
    return NpyError(name,
                    Message{"npy_header_cut",
                            "the header is truncated (it says {0} bytes)",
                            {std::to_string(header_length)}},
                    Hint{"npy_cut_short", "the file was cut short; save it again", {}});
  auto header = detail::ParseNpyHeader(bytes.substr(header_start, header_length), major <= 2);
  if (!header) {
    Error error = header.error();
    SetMessage(error, Message{"in_file", "{0}: {1}", {name, MessageOf(error)}});
    return error;
  }
  const Shape& shape = header->shape;
  const size_t item = header->item_bytes;
  const int64_t count = ShapeNumel(shape);
  if (count < 0 || count > max_elements)
    return NpyError(name,
                    Message{"npy_too_many",
                            "the array {0} has more elements than the limit of {1}",
                            {FormatShape(shape), std::to_string(max_elements)}},
                    Hint{"smaller_array", "use a smaller array", {}});
  const size_t data_start = header_start + header_length;
  const size_t expected = static_cast<size_t>(count) * item;
  // numpy.load reads the elements the shape needs and ignores any bytes after them.
  if (bytes.size() - data_start < expected)
    return NpyError(name,
                    Message{"npy_data_short",
                            "the data holds {0} bytes but shape {1} needs {2}",
                            {std::to_string(bytes.size() - data_start), FormatShape(shape),
                             std::to_string(expected)}},
                    Hint{"npy_cut_short", "the file was cut short; save it again", {}});
  Tensor tensor;
  tensor.shape = shape;
  tensor.data.resize(static_cast<size_t>(count));
  const char* data = bytes.data() + data_start;
  const size_t width = item == 4 ? 4 : 8;  // float32 or float64 (what GCC can see is at most 8)
  for (size_t i = 0; i < tensor.data.size(); ++i) {
    char raw[8];
    std::memcpy(raw, data + width * i, width);
    if (header->big_endian) std::reverse(raw, raw + width);
    if (width == 4) {
      std::memcpy(&tensor.data[i], raw, 4);
    } else {
      double value;
      std::memcpy(&value, raw, 8);
      if (RoundsToFloatInfinity(value)) return TooLargeForFloat(name, *header, i, value);
      tensor.data[i] = static_cast<float>(value);
    }
  }
  if (header->fortran_order) tensor.data = FortranToC(shape, tensor.data);
  return tensor;
}

Result<Tensor> ReadNpyFile(const std::string& path, int64_t max_elements) {
  auto bytes = ReadFileBytes(path, NpyFileLimit(max_elements));
  if (!bytes) return bytes.error();
  return ReadNpy(*bytes, path, max_elements);
}

std::string WriteNpy(const Tensor& tensor) {
  std::string shape = "(";
  for (size_t i = 0; i < tensor.shape.size(); ++i) shape += std::to_string(tensor.shape[i]) + ", ";
  if (tensor.shape.size() > 1) shape.resize(shape.size() - 2);
  if (tensor.shape.size() == 1) shape.resize(shape.size() - 1);
  shape += ")";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>((header.size() >> 8) & 0xff);
  bytes += header;
  bytes.append(reinterpret_cast<const char*>(tensor.data.data()), tensor.data.size() * 4);
  return bytes;
}

}  // namespace convstep
