// van Wijk & Nuij's closed-form u(s), w(s) path (equations 9 and 10 of the paper).
#include "camera/ZoomPanPath.h"

#include <algorithm>
#include <cmath>

namespace tb::camera {

ZoomPanPath::ZoomPanPath(double u1, double w0, double w1, double rho)
    : u1_(std::max(0.0, u1)), w0_(w0), w1_(w1), rho_(rho) {
  // Below this separation the general formula cancels catastrophically (cosh(r0) ~ w/u1), and
  // the views share a centre for any visible purpose: zoom exponentially instead.
  if (u1_ < 1e-6 * std::max(w0_, w1_)) {
    pureZoom_ = true;
    const double ratio = std::log(w1_ / w0_);
    S_ = std::abs(ratio) / rho_;
    zoomSign_ = ratio > 0 ? 1.0 : (ratio < 0 ? -1.0 : 0.0);
    return;
  }
  const double rho2 = rho_ * rho_, rho4 = rho2 * rho2;
  const double b0 = (w1_ * w1_ - w0_ * w0_ + rho4 * u1_ * u1_) / (2.0 * w0_ * rho2 * u1_);
  const double b1 = (w1_ * w1_ - w0_ * w0_ - rho4 * u1_ * u1_) / (2.0 * w1_ * rho2 * u1_);
  // r = ln(-b + sqrt(b^2 + 1)) = -asinh(b), written so that large |b| stays accurate.
  r0_ = -std::asinh(b0);
  const double r1 = -std::asinh(b1);
  S_ = (r1 - r0_) / rho_;
}

double ZoomPanPath::u(double s) const {
  if (pureZoom_) return 0.0;
  const double k = w0_ / (rho_ * rho_);
  const double value = k * std::cosh(r0_) * std::tanh(rho_ * s + r0_) - k * std::sinh(r0_);
  return std::clamp(value, 0.0, u1_);
}

double ZoomPanPath::w(double s) const {
  if (pureZoom_) return w0_ * std::exp(zoomSign_ * rho_ * s);
  return w0_ * std::cosh(r0_) / std::cosh(rho_ * s + r0_);
}

}  // namespace tb::camera
