// The optimal zoom-and-pan path of van Wijk & Nuij, "Smooth and efficient zooming and panning"
// (IEEE InfoVis 2003): between two views (ground position u, visible width w) it follows the
// path that is shortest in their perceptual metric, zooming out between distant views and back in.
#pragma once

namespace tb::camera {

class ZoomPanPath {
 public:
  // u1: ground distance between the two view centres (u0 = 0); w0, w1 > 0: visible widths at the
  // start and the end (same unit as u1); rho: how much the path prefers zooming out to panning
  // (the paper's user studies found about 1.4 comfortable).
  ZoomPanPath(double u1, double w0, double w1, double rho = 1.4);
  ZoomPanPath() : ZoomPanPath(0.0, 1.0, 1.0) {}

  // Length of the path in the paper's metric (dimensionless); the flight time is proportional to it.
  double length() const { return S_; }
  // Ground position in [0, u1] at arc parameter s in [0, length()].
  double u(double s) const;
  // Visible width at arc parameter s.
  double w(double s) const;
  // True when the views share a centre, so the path is a pure exponential zoom.
  bool pureZoom() const { return pureZoom_; }

 private:
  double u1_, w0_, w1_, rho_;
  double r0_ = 0.0, S_ = 0.0;
  double zoomSign_ = 0.0;
  bool pureZoom_ = false;
};

}  // namespace tb::camera
