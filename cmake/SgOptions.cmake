# Compiler switches shared by every target of the project (not by dependencies).
add_library(sg_options INTERFACE)
# -Wno-restrict: GCC 12 false positive inside std::string concatenation (GCC bug 105329).
target_compile_options(sg_options INTERFACE -Wall -Wextra -Wpedantic -Wno-deprecated-declarations -Wno-restrict)
if(SG_WERROR)
  target_compile_options(sg_options INTERFACE -Werror)
endif()
if(SG_SANITIZE)
  target_compile_options(sg_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                              -fno-sanitize-recover=undefined)
  target_link_options(sg_options INTERFACE -fsanitize=address,undefined)
endif()
# ThreadSanitizer: its runtime cannot share a process with ASan's, hence its own option and
# build directory (preset "tsan"). Qt, Torch and OpenMP are not instrumented: what they do
# inside is invisible to it, and tests/sanitizers/tsan.supp names what that makes it report.
if(SG_SANITIZE_THREAD)
  if(SG_SANITIZE)
    message(FATAL_ERROR "SG_SANITIZE_THREAD and SG_SANITIZE cannot be combined: use two build directories")
  endif()
  target_compile_options(sg_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(sg_options INTERFACE -fsanitize=thread)
endif()
