#include "convstep/sentences.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

#include "convstep/torch_random.h"

namespace convstep {
namespace {

// zlib's CRC-32 (the polynomial Python's zlib.crc32 uses).
uint32_t Crc32(const std::string& bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// Decodes one UTF-8 code point at `pos`; invalid bytes decode as U+FFFD and advance by one.
uint32_t NextCodePoint(const std::string& text, size_t* pos) {
  const unsigned char lead = static_cast<unsigned char>(text[*pos]);
  int length = lead < 0x80           ? 1
               : (lead >> 5) == 0x6  ? 2
               : (lead >> 4) == 0xE  ? 3
               : (lead >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || *pos + static_cast<size_t>(length) > text.size()) {
    ++*pos;
    return 0xFFFD;
  }
  uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    const unsigned char next = static_cast<unsigned char>(text[*pos + static_cast<size_t>(i)]);
    if ((next >> 6) != 0x2) {
      ++*pos;
      return 0xFFFD;
    }
    code = (code << 6) | (next & 0x3F);
  }
  *pos += static_cast<size_t>(length);
  return code;
}

bool IsIdeograph(uint32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

bool IsWordChar(uint32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) || c == '\'';
  if (c == 0xFFFD) return false;
  const bool punctuation = (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
                           (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
                           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
                           (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7;
  return !punctuation;
}

std::string PythonString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "'";
}

}  // namespace

std::vector<std::string> Tokenize(const std::string& sentence) {
  std::vector<std::string> tokens;
  std::string word;
  size_t pos = 0;
  while (pos < sentence.size()) {
    const size_t start = pos;
    const uint32_t code = NextCodePoint(sentence, &pos);
    if (IsIdeograph(code)) {
      if (!word.empty()) tokens.push_back(word);
      word.clear();
      tokens.push_back(sentence.substr(start, pos - start));
    } else if (IsWordChar(code)) {
      if (code < 0x80) {
        word += static_cast<char>(std::tolower(static_cast<int>(code)));
      } else {
        word += sentence.substr(start, pos - start);
      }
    } else {
      if (!word.empty()) tokens.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) tokens.push_back(word);
  return tokens;
}

Result<Tensor> WordVector(const std::string& word, int64_t channels, uint64_t seed) {
  if (word == kPadToken) return Tensor::Zeros({channels});
  TorchGenerator generator;
  generator.manual_seed((seed + Crc32(word)) % (uint64_t{1} << 32));
  return generator.randn({channels});
}

Result<SentenceBatch> EmbedSentences(const std::vector<std::string>& sentences, int64_t channels,
                                     uint64_t seed) {
  if (sentences.empty())
    return MakeError(Message{"sentences_none", "no sentences were given", {}}, "sentences",
                     Hint{"sentences_none", "type at least one sentence", {}});
  if (channels < 1 || channels > 4096)
    return MakeError(Message{"sentences_channels",
                             "word vectors need 1 to 4096 dimensions, but got {0}",
                             {std::to_string(channels)}},
                     "in_channels",
                     Hint{"sentences_channels", "in_channels is the size of each word vector", {}});
  SentenceBatch batch;
  size_t longest = 0;
  for (size_t i = 0; i < sentences.size(); ++i) {
    batch.tokens.push_back(Tokenize(sentences[i]));
    if (batch.tokens.back().empty())
      return MakeError(
          Message{"sentence_empty", "sentence {0} has no words", {std::to_string(i + 1)}},
          "sentences",
          Hint{"sentence_empty", "every sentence needs at least one word or character", {}});
    longest = std::max(longest, batch.tokens.back().size());
  }
  if (longest * sentences.size() > 100000)
    return MakeError(
        Message{"sentences_too_many",
                "the sentences have {0} tokens after padding, over the limit of 100000",
                {std::to_string(longest * sentences.size())}},
        "sentences", Hint{"sentences_too_many", "use fewer or shorter sentences", {}});
  for (auto& tokens : batch.tokens) tokens.resize(longest, kPadToken);
  const int64_t n = static_cast<int64_t>(sentences.size());
  const int64_t length = static_cast<int64_t>(longest);
  batch.vectors = Tensor::Zeros({n, length, channels});
  for (int64_t s = 0; s < n; ++s) {
    for (int64_t l = 0; l < length; ++l) {
      auto vector =
          WordVector(batch.tokens[static_cast<size_t>(s)][static_cast<size_t>(l)], channels, seed);
      if (!vector) return vector.error();
      std::copy(vector->data.begin(), vector->data.end(),
                batch.vectors.data.begin() + (s * length + l) * channels);
    }
  }
  return batch;
}

std::string SentencesPython(const std::vector<std::string>& sentences, int64_t channels,
                            uint64_t seed, bool seed_negative) {
  std::ostringstream py;
  py << "import re\nimport zlib\n\n";
  py << "def tokenize(sentence):\n"
        "    # words (ASCII lowercased) and single CJK characters, as ConvStep splits them\n"
        "    cjk = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff'\n"
        "    punct = '\\u0080-\\u00bf\\u00d7\\u00f7\\u2000-\\u206f\\u3000-\\u303f\\uff00-\\uff0f'"
        " \\\n        '\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65\\ufffd'\n"
        "    pattern = f\"[{cjk}]|(?:[A-Za-z0-9']|[^\\\\x00-\\\\x7f{cjk}{punct}])+\"\n"
        "    return [''.join(c.lower() if c.isascii() else c for c in t)\n"
        "            for t in re.findall(pattern, sentence)]\n\n";
  const std::string seed_text =
      seed_negative ? std::to_string(static_cast<int64_t>(seed)) : std::to_string(seed);
  py << "def word_vector(word, size=" << channels << ", seed=" << seed_text
     << "):\n"
        "    if word == '<pad>':\n"
        "        return torch.zeros(size)\n"
        "    torch.manual_seed((seed + zlib.crc32(word.encode('utf-8'))) % 2**32)\n"
        "    return torch.randn(size)\n\n";
  py << "sentences = [";
  for (size_t i = 0; i < sentences.size(); ++i) py << (i ? ", " : "") << PythonString(sentences[i]);
  py << "]\n";
  py << "tokens = [tokenize(s) for s in sentences]\n"
        "length = max(len(t) for t in tokens)\n"
        "tokens = [t + ['<pad>'] * (length - len(t)) for t in tokens]\n"
        "x = torch.stack([torch.stack([word_vector(w) for w in t]) for t in tokens])"
        "  # [N, L, C]\n";
  return py.str();
}

}  // namespace convstep
