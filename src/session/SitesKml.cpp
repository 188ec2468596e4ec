// KML export and import of sites (see SitesKml.h).
#include "session/SitesKml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/AtomicFile.h"
#include "core/Error.h"
#include "scene/SitesWrite.h"
#include "session/SiteEdits.h"

namespace tb::session {
namespace {

using scene::Site;

// Shortest text that reads back as the same double.
std::string exact(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string coordinates(const std::vector<glm::dvec2>& part) {
  std::string s;
  for (glm::dvec2 p : part) s += (s.empty() ? "" : " ") + exact(p.x) + "," + exact(p.y);
  return s;
}

struct WriterDeleter {
  void operator()(xmlTextWriter* w) const { xmlFreeTextWriter(w); }
};
struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

void element(xmlTextWriter* w, const char* name, const std::string& text) {
  xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text.c_str());
}

void data(xmlTextWriter* w, const char* name, const std::string& value) {
  if (value.empty()) return;
  xmlTextWriterStartElement(w, BAD_CAST "Data");
  xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST name);
  element(w, "value", value);
  xmlTextWriterEndElement(w);
}

// [SECTION] reading
bool is(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

const xmlNode* child(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n->children; c; c = c->next)
    if (is(c, name)) return c;
  return nullptr;
}

const xmlNode* descendant(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is(c, name)) return c;
    if (const xmlNode* d = descendant(c, name)) return d;
  }
  return nullptr;
}

std::string textOf(const xmlNode* n) {
  if (!n) return {};
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  const auto a = s.find_first_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

void placemarks(const xmlNode* n, std::vector<const xmlNode*>& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is(c, "Placemark")) out.push_back(c);
    else if (c->type == XML_ELEMENT_NODE) placemarks(c, out);
  }
}

class PlacemarkReader {
 public:
  PlacemarkReader(std::string file, const xmlNode* pm) : file_(std::move(file)), pm_(pm) {}
  [[noreturn]] void fail(const xmlNode* n, const std::string& problem) const {
    throw Error(file_ + ":" + std::to_string(xmlGetLineNo(const_cast<xmlNode*>(n))), problem);
  }

  // lon,lat[,alt] tuples; `decimals` gets the fewest decimals written.
  std::vector<glm::dvec2> coords(const xmlNode* n, int& decimals) const {
    std::istringstream in(textOf(n));
    std::vector<glm::dvec2> pts;
    for (std::string tuple; in >> tuple;) {
      double v[3] = {0, 0, 0};
      int count = 0;
      std::size_t start = 0;
      while (count < 3 && start <= tuple.size()) {
        const std::size_t end = std::min(tuple.find(',', start), tuple.size());
        const std::string num = tuple.substr(start, end - start);
        char* stop = nullptr;
        v[count] = std::strtod(num.c_str(), &stop);
        if (num.empty() || *stop != '\0') fail(n, "coordinates \"" + tuple + "\" are not lon,lat[,altitude]");
        if (count < 2) {
          const auto dot = num.find('.');
          decimals = std::min(decimals, dot == std::string::npos ? 0 : static_cast<int>(num.size() - dot - 1));
        }
        ++count;
        start = end + 1;
      }
      if (count < 2) fail(n, "coordinates \"" + tuple + "\" are not lon,lat[,altitude]");
      if (!(v[0] >= -180 && v[0] <= 180 && v[1] >= -90 && v[1] <= 90))
        fail(n, "coordinates \"" + tuple + "\" are outside longitude -180..180, latitude -90..90");
      pts.emplace_back(v[0], v[1]);
    }
    if (pts.empty()) fail(n, "empty coordinates");
    return pts;
  }

  std::string extended(const char* name) const {
    const xmlNode* ext = child(pm_, "ExtendedData");
    if (!ext) return {};
    for (const xmlNode* c = ext->children; c; c = c->next)
      if (is(c, "Data")) {
        xmlChar* attr = xmlGetProp(const_cast<xmlNode*>(c), BAD_CAST "name");
        const bool match = attr && xmlStrcmp(attr, BAD_CAST name) == 0;
        xmlFree(attr);
        if (match) return textOf(child(c, "value"));
      }
    return {};
  }

  Site read(const std::string& fallbackCategory) const {
    Site s;
    s.name = textOf(child(pm_, "name"));
    s.description = textOf(child(pm_, "description"));
    int decimals = 99;
    if (const xmlNode* p = descendant(pm_, "Point")) {
      s.kind = geo::GeometryKind::Point;
      s.lonLat = {{coords(child(p, "coordinates") ? child(p, "coordinates") : p, decimals).front()}};
      s.honesty = scene::Honesty::Derived;
    } else if (const xmlNode* l = descendant(pm_, "LineString")) {
      s.kind = geo::GeometryKind::Line;
      s.lonLat = {coords(child(l, "coordinates") ? child(l, "coordinates") : l, decimals)};
      s.honesty = scene::Honesty::Area;
    } else if (const xmlNode* poly = descendant(pm_, "Polygon")) {
      const xmlNode* outer = descendant(poly, "outerBoundaryIs");
      const xmlNode* c = outer ? descendant(outer, "coordinates") : nullptr;
      if (!c) fail(poly, "a Polygon without an outer boundary");
      s.kind = geo::GeometryKind::Polygon;
      s.lonLat = {coords(c, decimals)};
      if (s.lonLat[0].front() != s.lonLat[0].back()) s.lonLat[0].push_back(s.lonLat[0].front());
      s.honesty = scene::Honesty::Area;
    } else {
      s.honesty = scene::Honesty::Note;
    }
    if (s.kind == geo::GeometryKind::Point) s.precisionM = precisionForDecimals(decimals);
    // Our own export: every property as it was.
    s.id = extended("id");
    s.category = extended("category");
    if (s.category.empty()) s.category = fallbackCategory;
    if (const std::string h = extended("honesty"); !h.empty()) {
      for (auto k : {scene::Honesty::Given, scene::Honesty::Derived, scene::Honesty::Area, scene::Honesty::Note})
        if (h == scene::honestyName(k)) s.honesty = k;
    }
    if (const std::string p = extended("precision_m"); !p.empty()) s.precisionM = std::strtod(p.c_str(), nullptr);
    s.source = extended("source");
    s.placedBy = extended("placed_by");
    s.uncertainEnd = extended("uncertain_end");
    if (s.source.empty()) s.source = "imported from " + std::filesystem::path(file_).filename().string();
    if (s.name.empty()) s.name = "Placemark " + std::to_string(xmlGetLineNo(const_cast<xmlNode*>(pm_)));
    if (const std::string problem = userSiteProblem(s); !problem.empty())
      fail(pm_, "Placemark \"" + s.name + "\": " + problem);
    return s;
  }

 private:
  std::string file_;
  const xmlNode* pm_;
};

}  // namespace

std::string sitesToKml(const std::vector<Site>& sites, const std::map<std::string, scene::Category>& categories) {
  xmlBufferPtr buffer = xmlBufferCreate();
  {
    std::unique_ptr<xmlTextWriter, WriterDeleter> w(xmlNewTextWriterMemory(buffer, 0));
    xmlTextWriterSetIndent(w.get(), 1);
    xmlTextWriterSetIndentString(w.get(), BAD_CAST "  ");
    xmlTextWriterStartDocument(w.get(), nullptr, "UTF-8", nullptr);
    xmlTextWriterStartElement(w.get(), BAD_CAST "kml");
    xmlTextWriterWriteAttribute(w.get(), BAD_CAST "xmlns", BAD_CAST "http://www.opengis.net/kml/2.2");
    xmlTextWriterStartElement(w.get(), BAD_CAST "Document");
    for (const Site& s : sites) {
      xmlTextWriterStartElement(w.get(), BAD_CAST "Placemark");
      element(w.get(), "name", s.name);
      if (!s.description.empty()) element(w.get(), "description", s.description);
      xmlTextWriterStartElement(w.get(), BAD_CAST "ExtendedData");
      data(w.get(), "id", s.id);
      data(w.get(), "category", s.category);
      if (auto it = categories.find(s.category); it != categories.end()) data(w.get(), "category_label", it->second.label);
      data(w.get(), "honesty", scene::honestyName(s.honesty));
      if (s.precisionM) data(w.get(), "precision_m", exact(*s.precisionM));
      data(w.get(), "source", s.source);
      data(w.get(), "placed_by", s.placedBy);
      data(w.get(), "uncertain_end", s.uncertainEnd);
      xmlTextWriterEndElement(w.get());
      if (s.kind == geo::GeometryKind::Point) {
        xmlTextWriterStartElement(w.get(), BAD_CAST "Point");
        element(w.get(), "coordinates", coordinates(s.lonLat.at(0)));
        xmlTextWriterEndElement(w.get());
      } else if (s.kind == geo::GeometryKind::Line) {
        xmlTextWriterStartElement(w.get(), BAD_CAST "LineString");
        xmlTextWriterWriteElement(w.get(), BAD_CAST "tessellate", BAD_CAST "1");
        element(w.get(), "coordinates", coordinates(s.lonLat.at(0)));
        xmlTextWriterEndElement(w.get());
      } else if (s.kind == geo::GeometryKind::Polygon) {
        xmlTextWriterStartElement(w.get(), BAD_CAST "Polygon");
        xmlTextWriterStartElement(w.get(), BAD_CAST "outerBoundaryIs");
        xmlTextWriterStartElement(w.get(), BAD_CAST "LinearRing");
        element(w.get(), "coordinates", coordinates(s.lonLat.at(0)));
        xmlTextWriterEndElement(w.get());
        xmlTextWriterEndElement(w.get());
        xmlTextWriterEndElement(w.get());
      }
      xmlTextWriterEndElement(w.get());  // Placemark
    }
    xmlTextWriterEndDocument(w.get());
  }
  std::string text(reinterpret_cast<const char*>(xmlBufferContent(buffer)));
  xmlBufferFree(buffer);
  return text;
}

void exportKml(const std::string& path, const std::vector<Site>& sites,
               const std::map<std::string, scene::Category>& categories) {
  const std::string text = sitesToKml(sites, categories);
  AtomicFile out(path);
  {
    std::ofstream f(out.tempPath(), std::ios::binary);
    f << text;
    f.flush();
    if (!f) throw Error(path, "cannot write the KML file (disk full?)");
  }
  out.commit();
}

std::vector<Site> importKml(const std::string& path, const SitesDocument& doc, const std::string& fallbackCategory) {
  std::unique_ptr<xmlDoc, DocDeleter> xml(xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                              XML_PARSE_NOWARNING));
  if (!xml) {
    const xmlError* e = xmlGetLastError();
    std::string why = e && e->message ? e->message : "";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    throw Error(path, why.empty() ? "not readable KML" : "not readable KML: " + why);
  }
  const xmlNode* root = xmlDocGetRootElement(xml.get());
  if (!is(root, "kml")) throw Error(path, "not a KML file (the root element is not <kml>)");
  std::vector<const xmlNode*> found;
  placemarks(root, found);
  if (found.empty()) throw Error(path, "no Placemark to import");
  SitesDocument taken = doc;  // ids of the document and of the sites read so far
  std::vector<Site> out;
  for (const xmlNode* pm : found) {
    Site s = PlacemarkReader(path, pm).read(fallbackCategory);
    const char* stem = s.kind == geo::GeometryKind::Point     ? "pin"
                       : s.kind == geo::GeometryKind::Line    ? "path"
                       : s.kind == geo::GeometryKind::Polygon ? "area"
                                                              : "note";
    if (s.id.empty() || taken.indexOf(s.id) >= 0) s.id = unusedSiteId(taken, stem);
    taken.sites.push_back(s);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace tb::session
