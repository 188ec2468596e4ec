// What the soaks share (`bench --soak`, `bench --soak-video`): resident memory and live GL objects
// sampled at points where the work repeats itself (the same pose, the same frame of a loop), a
// warm-up, and the two verdict rows.
#pragma once

namespace tb::bench {

// This process's resident set now (/proc/self/statm), in MiB.
double residentMiB();

// Samples are compared only with each other after the warm-up: the first sample taken once a
// quarter of the time has passed (and after at least one full repeat: every tile of the path seen
// once). Caches with budgets fill for a while, so a short soak only says something about what
// does not stream.
class SoakSamples {
 public:
  explicit SoakSamples(double seconds) : seconds_(seconds) {}
  // One sample at a repeat point, `t` seconds into the soak (logged).
  void sample(double t);
  // Long enough: the time is up and two samples were taken after the warm-up.
  bool done(double t) const { return t >= seconds_ && warmSample_ > 0 && samples_ >= warmSample_ + 2; }

  int samples() const { return samples_; }
  int warmSample() const { return warmSample_; }  // 0 until the warm-up is over
  double warmRss() const { return warmRss_; }
  double maxRss() const { return maxRss_; }
  int warmGl() const { return warmGl_; }
  int maxGl() const { return maxGl_; }

 private:
  double seconds_;
  int samples_ = 0, warmSample_ = 0, warmGl_ = 0, maxGl_ = 0;
  double warmRss_ = 0, maxRss_ = 0;
};

// Prints "soak: RSS growth after warm-up" (< 2%) and "soak: live GL objects after warm-up" (no
// growth); true when both pass.
bool soakVerdictRows(double warmRssMiB, double maxRssMiB, double warmGl, double maxGl);

}  // namespace tb::bench
