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
