// The `terrabrief` command: starts terrabrief-main (beside it) with transparent huge pages enabled
// in glibc's allocator. Loading a scene touches several hundred MB of fresh memory (rasters, mip
// chains, the GL driver's texture copies); with 4 KB pages that costs ~0.8 s of page faults on
// this class of machine, with 2 MB pages almost nothing. glibc reads GLIBC_TUNABLES only at
// process start, hence this launcher: it links nothing but libc, so the extra exec is ~1 ms.
// `render` and `info` go to terrabrief-render (the same commands without the viewer, briefings
// and video, so they do not load FFmpeg, GLFW and X11), or to terrabrief-main if it is missing.
// `bench ARGS` runs terrabrief-bench ARGS (the harness lives outside the product: bench/).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// `name` beside this executable (or bare, for PATH-less exec, if /proc is unavailable).
void besideSelf(const char* name, char* out, std::size_t size) {
  std::snprintf(out, size, "%s", name);
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0) return;
  self[n] = '\0';
  char* slash = std::strrchr(self, '/');
  if (slash && static_cast<std::size_t>(slash - self) + std::strlen(name) + 2 < size) {
    slash[1] = '\0';
    std::snprintf(out, size, "%s%s", self, name);
  }
}

}  // namespace

int main(int argc, char** argv) {
  char target[4096], lean[4096], bench[4096];
  besideSelf("terrabrief-main", target, sizeof(target));
  besideSelf("terrabrief-render", lean, sizeof(lean));
  besideSelf("terrabrief-bench", bench, sizeof(bench));
  const bool benchmark = argc > 1 && std::strcmp(argv[1], "bench") == 0;
  const bool headless = argc > 1 && (std::strcmp(argv[1], "render") == 0 || std::strcmp(argv[1], "info") == 0);
  // Respect the user's own tunables, including an explicit hugetlb setting.
  static const char kHugePages[] = "glibc.malloc.hugetlb=1";
  const char* current = std::getenv("GLIBC_TUNABLES");
  if (!current || !std::strstr(current, "glibc.malloc.hugetlb")) {
    static char tunables[8192];
    if (current && *current)
      std::snprintf(tunables, sizeof(tunables), "%s:%s", current, kHugePages);
    else
      std::snprintf(tunables, sizeof(tunables), "%s", kHugePages);
    ::setenv("GLIBC_TUNABLES", tunables, 1);
    // What the user had, for programs terrabrief runs on the user's behalf (bench baselines).
    ::setenv("TERRABRIEF_HUGEPAGES", "launcher", 1);
    if (current) ::setenv("TERRABRIEF_USER_GLIBC_TUNABLES", current, 1);
  }
  if (headless) ::execv(lean, argv);  // returns only if it cannot start
  if (benchmark) {
    argv[1] = bench;  // terrabrief-bench ARGS: "bench" itself is not one of its arguments
    ::execv(bench, argv + 1);
    std::fprintf(stderr, "terrabrief: %s: cannot start (%s)\n", bench, std::strerror(errno));
    return 1;
  }
  ::execv(target, argv);
  std::fprintf(stderr, "terrabrief: %s: cannot start (%s)\n", target, std::strerror(errno));
  return 1;
}
