#include "bench_problem.h"

#include <random>

namespace convstep_bench {

const std::vector<BenchShape>& BenchShapes() {
  static const std::vector<BenchShape> shapes = {
      {8, 64, 4096, 64, 5, 1, 1},  {32, 64, 2048, 64, 5, 1, 1}, {1, 512, 1024, 512, 3, 1, 1},
      {8, 64, 4096, 64, 5, 8, 1},  {8, 64, 4096, 64, 5, 64, 1}, {8, 64, 4096, 64, 5, 1, 2},
      {8, 64, 4096, 64, 5, 64, 2},
  };
  return shapes;
}

convstep::Conv1dProblem MakeBenchProblem(const BenchShape& shape) {
  const int64_t n = shape[0], c = shape[1], l = shape[2], o = shape[3], k = shape[4],
                groups = shape[5], stride = shape[6];
  std::mt19937 rng(0);
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  convstep::Conv1dProblem p;
  p.spec.in_channels = c;
  p.spec.out_channels = o;
  p.spec.kernel_size = k;
  p.spec.groups = groups;
  p.spec.stride = stride;
  p.input = convstep::Tensor::Zeros({n, c, l});
  p.weight = convstep::Tensor::Zeros({o, c / groups, k});
  p.bias = convstep::Tensor::Zeros({o});
  for (auto* t : {&p.input, &p.weight, &p.bias})
    for (float& v : t->data) v = dist(rng);
  return p;
}

}  // namespace convstep_bench
