// `terrabrief bench`'s video row: briefing export time against plain headless frames.
#pragma once
#include <string>

#include "world/World.h"

namespace tb::bench {

// Exports part of the briefing beside the scene (<scene dir>/*-briefing.json) at 1280x720 and
// prints, in the bench table's columns: export time / (frames x one headless frame's time)
// (target <= 1.2: encoding hidden behind rendering) and the export's frames per second.
// Needs a current GL context. Prints a "skipped" row when the scene has no briefing beside it.
void benchVideoExport(const world::World& world, const std::string& scenePath, const std::string& rendererName);

}  // namespace tb::bench
