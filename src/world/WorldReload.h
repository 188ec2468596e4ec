// Loading a world from a scene held in memory: the viewer adds a dropped raster or vector file to
// its scene (sites as edited) and loads it again; a layer that fails leaves the old world as it was.
#pragma once
#include "world/World.h"

namespace tb::world {

World loadWorld(scene::Scene scene, const LoadOptions& options = {});  // throws tb::Error

}  // namespace tb::world
