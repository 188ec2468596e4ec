// `terrabrief bench --soak-video [MINUTES]`: a long briefing video exported headless, the way
// `brief video` exports one, while resident memory and live GL objects are sampled.
#pragma once
#include <string>

namespace tb::bench {

// Exports the briefing beside the scene, its steps looped (only the first two for a soak under
// five minutes, so a short soak still loops several times), at 640x360 and 2 fps for `minutes`,
// sampling at the same frame of every loop. Prints its own table; exit 1 when RSS grew by 2% or
// more, or live GL objects grew at all, after the warm-up (SoakSamples.h). Needs no display.
int benchVideoSoak(const std::string& scenePath, double minutes);

}  // namespace tb::bench
