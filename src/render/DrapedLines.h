// Lines draped on the terrain (vector overlays, site-area outlines): densified on the CPU to about
// the DEM cell so they follow the ground, then drawn as screen-space-width quads expanded in a
// geometry shader, depth-tested against the terrain after a pull toward the eye (no flicker, no
// shift on screen). Lines are grouped; each group has its own colour and width per draw.
#pragma once
#include <vector>

#include <glm/glm.hpp>

#include "render/gl/Buffer.h"
#include "render/gl/Program.h"
#include "render/gl/ProgramCache.h"
#include "render/gl/VertexArray.h"

namespace tb::terrain {
class HeightField;
}

namespace tb::render {

struct FrameContext;

enum class LineFade { None, Start, End };  // which end fades out (uncertain)

struct DrapedVertex {
  glm::vec3 pos;   // local xy, real terrain height
  float fade;      // 1 = solid, 0 = gone (uncertain end)
  float alongM;    // metres along the line from its start (for dashes)
};

// Densifies `line` to steps of at most `step` metres with z from the height field (clamped to
// sea level: the water surface covers anything below). Fade ramps to 0 over the last
// `fadeFraction` of the length at the `fade` end. Vertices beyond the height field are clipped
// (fade 0): overlays are drawn only on ground the data has.
std::vector<DrapedVertex> drapeLine(const std::vector<glm::dvec2>& line, const terrain::HeightField& heights,
                                    double step, LineFade fade = LineFade::None, double fadeFraction = 0.25);

struct LineStyle {
  glm::vec4 color{1.0f};
  float widthPx = 2.0f;    // whole-image pixels
  float dashPx = 0.0f;     // > 0: dash the fading part with this period (px at the line's depth)
  bool throughTerrain = false;  // drawn where the terrain hides it too
};

class DrapedLines {
 public:
  explicit DrapedLines(gl::ProgramCache& programs);
  // Lines from drapeLine() with vertices at most `step` metres apart. Returns the group's index.
  // Upload with upload() once all groups are added.
  int addGroup(const std::vector<std::vector<DrapedVertex>>& lines, double step);
  void upload();
  bool empty() const { return groups_.empty(); }
  struct DrawItem {
    int group = 0;
    LineStyle style;
  };
  // Draws the items in order (after upload()); leaves GL state as it found it.
  void draw(const FrameContext& ctx, const std::vector<DrawItem>& items);

 private:
  // Far away, a vertex per DEM cell is several per pixel and the geometry shader pays for each:
  // every line is cut into chunks, each with three levels (every 1st, 4th, 16th vertex), and each
  // frame draws the coarsest level whose step stays under a few pixels at the chunk's distance.
  static constexpr int kLevels = 3;
  static constexpr int kChunkSegments = 64;  // level-0 segments per chunk (a multiple of 16)
  struct Chunk {
    glm::vec3 lo, hi;  // bounds (local xy, real z)
    int firstIndex[kLevels], indexCount[kLevels];
  };
  struct Group {
    std::vector<Chunk> chunks;
    double step = 10.0;
  };
  std::vector<DrapedVertex> vertices_;
  std::vector<unsigned> indices_;
  std::vector<Group> groups_;
  const gl::Program& program_;
  gl::Buffer vbo_, ibo_;
  gl::VertexArray vao_;
};

}  // namespace tb::render
