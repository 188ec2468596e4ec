// Private to scene/: readers for the pieces that the scene file and the views file share.
#pragma once
#include <string>

#include "scene/JsonDocument.h"
#include "scene/Scene.h"

namespace tb::scene {

// One view object ({"name", "lookAt"|"camera", "range", "heading", "pitch"}).
ViewSpec readView(const JsonDocument& doc, const json& value, const std::string& pointer);
json viewToJson(const ViewSpec& view);

// "#rrggbb" or "#rrggbbaa" at `key` of `obj` -> 0..1 RGBA (components / 255).
glm::vec4 readColor(const ObjectReader& obj, const char* key, glm::vec4 fallback);

}  // namespace tb::scene
