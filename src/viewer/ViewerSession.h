// The viewer's state and per-frame steps (internal to viewer/): one object owning the window,
// the world, the renderer, the ImGui layer and the camera controller.
#pragma once
#include <chrono>
#include <memory>
#include <vector>

#include "analysis/VerticalDatum.h"
#include "camera/CameraNavigation.h"
#include "platform/glfw/GlfwWindow.h"
#include "render/SceneRenderer.h"
#include "session/Session.h"
#include "ui/AuthoringPanel.h"
#include "ui/FilePanel.h"
#include "ui/ImGuiLayer.h"
#include "ui/UiState.h"
#include "viewer/AnalysisTool.h"
#include "viewer/DrawingHandles.h"
#include "viewer/DroppedFile.h"
#include "viewer/FrameObserver.h"
#include "viewer/Presenter.h"
#include "viewer/Viewer.h"
#include "world/World.h"

namespace tb::viewer {

// For a frame observer (FrameObserver.h): the CPU phases of a frame before any drawing (no GL
// work happens in them, so no glFinish is needed to time them), and switches to leave the panels
// undrawn or the frame unpresented so that an observer can take the differences. Disabled (the
// normal case), a lap costs one branch.
struct FramePhases {
  bool enabled = false;
  bool drawPanels = true;
  bool present = true;  // false: no swap (the frame is drawn and never shown)
  std::chrono::steady_clock::time_point last;
  double viewerMs = 0;  // events, camera, pins, cursor pick, ImGui NewFrame
  double uiMs = 0;      // building the panels (drawViewerUi) and carrying out their requests
  void start() {
    if (enabled) last = std::chrono::steady_clock::now();
  }
  void lap(double& into) {
    if (!enabled) return;
    const auto t = std::chrono::steady_clock::now();
    into = std::chrono::duration<double, std::milli>(t - last).count();
    last = t;
  }
};

// One raw window event, queued by the GLFW callbacks and handled after ImGui has decided whether
// the pointer and keyboard are its own this frame.
struct InputEvent {
  enum class Type { Button, Move, Scroll, Key, Refresh } type = Type::Move;
  int code = 0, action = 0, mods = 0;  // button or key, GLFW_PRESS/RELEASE/REPEAT, modifiers
  double x = 0, y = 0;                 // cursor (Move) or scroll offsets (Scroll)
};

// What the renderer bakes when it is made (area outlines of the scene's own areas; user drawings
// are per-frame overlay lines), to know when it must be made again.
std::string areaSitesSignature(const std::vector<scene::Site>& sites);

class ViewerSession : public ViewerFrame {
 public:
  ViewerSession(const ViewerOptions& options, std::unique_ptr<platform::GlfwWindow> window, world::World world);
  ~ViewerSession();
  int run();

  // ViewerFrame, for options.observer (ViewerObserved.cpp).
  const render::FrameStats& stats() const override { return stats_; }
  double viewerCpuMs() const override { return phases_.viewerMs; }
  double panelsCpuMs() const override { return phases_.uiMs; }
  render::FrameSettings viewSettings() const override { return windowFrameSettings(); }
  render::SceneRenderer& renderer() override { return *renderer_; }
  std::string glRenderer() const override;
  std::string windowSizeText() const override;
  std::string panelDrawStats() const override;
  double groundZ(double x, double y) const override;
  void setPanelsDrawn(bool drawn) override { phases_.drawPanels = drawn; }
  void setPresented(bool presented) override { phases_.present = presented; }
  void setCursorAtViewCentre() override;
  void setCameraPose(const CameraPose& pose) override;
  void close() override;

  void pushEvent(const InputEvent& e) { events_.push_back(e); }
  // Files dropped onto the window (glfwSetDropCallback) or named by --test-drop: opened or added
  // as layers at the next frame (ViewerFiles.cpp).
  void filesDropped(const std::vector<std::string>& paths);
  // After run(): the scene (or briefing) opened with File > Open or a drop, to run the viewer on
  // next in the same window; nothing when the window was closed.
  struct NextScene {
    ViewerOptions options;
    world::World world;
  };
  std::optional<NextScene> takeNextScene();
  std::unique_ptr<platform::GlfwWindow> releaseWindow() { return std::move(window_); }
  void setCursorInWindow(bool inside) { cursorInWindow_ = inside; }

 private:
  double now() const;
  void frame(double dt);
  void handleEvents();
  void handleKey(const InputEvent& e);
  void handleRequests(const ui::UiRequests& requests);
  void applyExaggeration();
  void updateStatus();
  void selectSite(int index, bool fly);
  void ringsAroundSite(int index);  // the site card's "Range rings…" (AnalysisSession.cpp)
  void faceNorth();
  void updateCompass(float viewTop);
  void clearPanelBackgrounds(int fbWidth, int fbHeight) const;
  void saveCurrentView(const std::string& name);
  void takeScreenshot();
  void notify(const std::string& text, bool error);
  render::FrameSettings windowFrameSettings() const;

  // Analysis tools (AnalysisSession.cpp).
  void initAnalysis();
  void analysisClick();
  bool handleAnalysisKey(int key);  // true: the key went to the active tool
  void handleAnalysisRequests(const ui::AnalysisRequests& requests);
  void updateAnalysis(render::FrameSettings& settings);
  void writePendingChartPng(int fbHeight);

  // Presenter mode (PresenterSession.cpp): full screen, panels hidden, keys step the briefing.
  void enterPresenter(std::size_t step);
  void leavePresenter();
  // After a preview or a presentation: the viewer carries on from the frame it reached.
  void carryOnFrom(const render::FrameSettings& shown);
  void presenterFrame();
  void handlePresenterEvents();
  void logPresenterStep() const;
  bool presenterPlaying() const {
    return (presenter_ && presenter_->state().playing()) || (preview_ && preview_->state().playing());
  }
  // The presenter's or the preview's saved viewsheds still computing (frames must keep coming).
  bool presenterComputing() const {
    return (presenter_ && !presenter_->analyses().computing().empty()) ||
           (preview_ && !preview_->analyses().computing().empty());
  }
  StepAnalyses::DrawnAlready viewerDrawnAnalyses() const;
  // Briefing panel (PresenterEditing.cpp).
  void handleBriefingRequests(const ui::UiRequests& requests);
  const session::BriefingDocument& briefingDoc() const;
  // After any command, undo or redo: the world's sites and views, the step selection and the
  // timeline strip follow the session's documents (sites=false: only views and briefing changed).
  void syncDocuments(bool sites = true);
  bool runDocumentEdit(session::Edit edit);  // a views or briefing edit; false (and said why) when refused
  bool saveViewEdits();
  void saveAllEdits();  // Ctrl+S: every document with unsaved changes
  bool saveBriefingEdits();
  void openBriefing(const std::string& path);
  void presentBriefing(bool fromSelectedStep);  // F5 / Shift+F5
  bool mayClose();  // false: unsaved changes, the question is showing
  void startPreview(std::size_t step);
  void stopPreview();
  render::FrameSettings previewFrame(const render::FrameSettings& base);
  // Sites and drawings through the session's commands (ViewerAuthoring.cpp).
  void handleAuthoringRequests(ui::AuthoringRequests& requests);
  void runEdit(session::Edit edit);
  void undoEdit();
  void redoEdit();
  bool saveSiteEdits();
  void syncSites();  // the world (and, when areas changed, the renderer) from the sites document
  void placePinAtCursor();  // or the next vertex of the drawing under way
  void finishDrawing();
  void importKmlFile(const std::string& path);
  std::string selectedSiteId() const;
  // Files (ViewerFiles.cpp).
  void initFiles();
  void handleFileRequests(const ui::FileRequests& requests);
  void openFile(const std::string& path);  // by its kind; asks first when unsaved work would be left
  void openNow(const std::string& path, FileKind kind);
  void addLayer(const std::string& path, FileKind kind);
  bool saveAddedLayers();
  void rememberRecent(const std::string& path);
  std::string unsavedSubject() const;  // "The sites have"...; "" when nothing is unsaved
  std::optional<glm::dvec3> groundUnderCursor() const;  // render space, where the cursor meets the terrain
  // Mouse editing of the selected drawing (DrawingEditing.cpp).
  const scene::Site* selectedDrawing() const;  // a user-drawn path or polygon, or null
  std::vector<std::optional<glm::vec2>> onScreen(const std::vector<glm::dvec2>& lonLat) const;  // window units
  std::optional<DrawingHandle> handleUnderCursor() const;
  bool pressOnDrawing(int mods);  // a left press: true when a handle or the shape took it
  void dragDrawing();
  void releaseDrawing();
  bool deleteVertexUnderCursor();  // Delete or a right click on a vertex handle
  void addEditingOverlay(render::FrameSettings& settings);
  void logHandles(const scene::Site& site, const std::vector<glm::dvec2>& local);

  ViewerOptions options_;
  std::unique_ptr<platform::GlfwWindow> window_;
  world::World world_;
  std::unique_ptr<render::SceneRenderer> renderer_;
  std::unique_ptr<ui::ImGuiLayer> imgui_;
  camera::NavigationController nav_;
  ui::ViewerUiState state_;
  ui::Layout layout_;
  std::vector<ui::PinOnScreen> pins_;
  std::vector<InputEvent> events_;
  std::unique_ptr<AnalysisTool> analysis_;
  std::optional<glm::dvec2> cursorGround_;  // local xy where the cursor meets the terrain
  glm::dvec2 leftPress_{-1e9};              // where the left button went down (a click, or a drag)
  std::optional<std::string> chartPngPending_;
  std::shared_ptr<const render::OverlayGeometry> analysisOverlay_;  // in every frame and screenshot
  std::shared_ptr<const render::OverlayGeometry> analysisLiveOverlay_;  // the rubber band, apart
  std::unique_ptr<analysis::DisplayHeights> displayHeights_;  // the DEM's heights as shown (EGM96 when ellipsoidal)
  glm::dvec2 cursor_{-1.0};  // window units
  bool cursorInWindow_ = false;
  bool navButtons_[3] = {};  // buttons whose press went to the camera
  double appliedExaggeration_ = 0;
  float pixelsPerUnit_ = 1;
  bool screenshotPending_ = false;
  bool firstSettledLogged_ = false;
  bool facingNorth_ = false;  // a face-north flight is under way (its end is logged)
  int redrawFrames_ = 3;
  render::FrameStats stats_;
  FramePhases phases_;
  std::chrono::steady_clock::time_point start_;

  std::unique_ptr<session::Session> authoring_;  // the documents being edited and their history
  ui::AuthoringUiState authoringUi_;
  std::string areaSignature_;  // the area sites the renderer was built with
  struct DrawingDrag {
    std::string id;
    enum class What { Vertex, Insert, Shape } what = What::Vertex;
    int index = -1;               // the vertex moved, or the one a new vertex goes before
    glm::dvec2 start{0.0}, last{0.0};  // lon, lat under the cursor at the press and now
    bool moved = false;
  };
  std::optional<DrawingDrag> drawingDrag_;  // the left button is down on the selected drawing
  std::string loggedHandles_;  // the handles' screen positions last logged
  ui::FileUiState files_;
  std::vector<std::string> pendingDrops_;
  std::vector<scene::ImageryLayerSpec> addedImagery_;  // layers added by dropping, not yet saved
  std::vector<scene::OverlaySpec> addedOverlays_;
  std::optional<NextScene> next_;

  std::unique_ptr<Presenter> presenter_;  // while presenting
  double presenterClock_ = 0;             // now() at the presenter's last frame
  long presenterHoldLogged_ = -1;         // the step whose hold start was last logged
  std::unique_ptr<Presenter> preview_;    // the timeline playing in the 3D view (panels shown)
  enum class PendingLeave { None, Close, Open } pendingLeave_ = PendingLeave::None;
  std::string pendingOpen_;
  std::string lastMergeKey_;  // of the last step edit, while its gesture lasts (for the log)
  bool closeConfirmed_ = false;           // closing goes ahead (answered, or --exit-after)
  int windowedX_ = 0, windowedY_ = 0, windowedW_ = 0, windowedH_ = 0;  // to restore on leaving
};

}  // namespace tb::viewer
