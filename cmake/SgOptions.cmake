# Compiler switches shared by every target of the project (not by dependencies).
add_library(sg_options INTERFACE)
target_compile_options(sg_options INTERFACE -Wall -Wextra -Wpedantic -Wno-deprecated-declarations)
if(SG_WERROR)
  target_compile_options(sg_options INTERFACE -Werror)
endif()
if(SG_SANITIZE)
  target_compile_options(sg_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                              -fno-sanitize-recover=undefined)
  target_link_options(sg_options INTERFACE -fsanitize=address,undefined)
endif()
