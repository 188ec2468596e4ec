// The one elevation query every analysis uses: heights at the DEM's own resolution, whether the
// world holds its DEM in memory (World::heights) or streams it (World::stream). No GL.
#pragma once
#include <optional>
#include <vector>

#include <glm/glm.hpp>

namespace tb::world {
struct World;
}

namespace tb::analysis {

// Heights on a north-up grid in the local frame: sample (c,r) at the cell CENTRE
// (westEdge + (c+0.5)*cell, northEdge - (r+0.5)*cell), row 0 northernmost. NaN = no data.
struct HeightWindow {
  double westEdge = 0, northEdge = 0, cell = 1;
  int width = 0, height = 0;
  std::vector<float> heights;

  float at(int col, int row) const { return heights[static_cast<std::size_t>(row) * width + col]; }
  glm::dvec2 centre(int col, int row) const { return {westEdge + (col + 0.5) * cell, northEdge - (row + 0.5) * cell}; }
};

class Elevation {
 public:
  explicit Elevation(const world::World& world);  // keeps a reference: the world must outlive it
  explicit Elevation(const world::World&& world) = delete;  // a temporary would not (ASan found one)

  const world::World& world() const { return world_; }
  double nativeCellSize() const;             // the DEM's own resolution, metres
  glm::dvec2 dataLo() const { return lo_; }  // the data's box (local xy, sample positions)
  glm::dvec2 dataHi() const { return hi_; }
  bool contains(glm::dvec2 local) const;

  // Bilinear height of the native samples around a local point; nothing outside the data or on
  // nodata. Streamed worlds read from their sources when needed (throws tb::Error on a failed read).
  std::optional<double> heightAt(glm::dvec2 local) const;
  // Heights over [lo, hi] at `cell` metres (<= 0: the native cell). At the native cell the
  // samples fall on the DEM's own sample positions (the window grows to the enclosing ones).
  HeightWindow readWindow(glm::dvec2 lo, glm::dvec2 hi, double cell = 0) const;
  // heightAt for many points at once (a path's samples): streamed worlds read one native window
  // per run of nearby points instead of one read per point. Same values as heightAt.
  std::vector<std::optional<double>> heightsAt(const std::vector<glm::dvec2>& points) const;

  // Local <-> WGS 84 (x = lon, y = lat), through the world's projection.
  glm::dvec2 toLonLat(glm::dvec2 local) const;
  glm::dvec2 toLocal(glm::dvec2 lonLat) const;

 private:
  const world::World& world_;
  glm::dvec2 lo_{0.0}, hi_{0.0};
  glm::dvec2 lattice_{0.0};  // a native sample position: windows at the native cell snap to it
};

}  // namespace tb::analysis
