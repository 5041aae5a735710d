# Every third-party package comes from Debian 12 (packaging/setup.sh installs them).
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets OpenGL OpenGLWidgets Sql Concurrent Test)
set(CMAKE_AUTOMOC ON)

# VTK must be asked for components, or its config looks for Qt5 development files.
find_package(VTK 9.1 REQUIRED COMPONENTS
  CommonCore CommonDataModel CommonTransforms RenderingCore RenderingOpenGL2 RenderingFreeType
  InteractionStyle ImagingCore ImagingColor)

find_package(ITK 5.2 REQUIRED COMPONENTS ITKCommon ITKIOImageBase ITKIOGDCM)
# Debian builds ITK against the system GDCM; the scanner uses GDCM's reader directly.
find_package(GDCM 3.0 REQUIRED)

find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(SQLite3 REQUIRED)
# Unicode normalisation of rater names (NFKC case folding) and SHA-256 of model weights.
find_package(ICU REQUIRED COMPONENTS uc)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(Threads REQUIRED)
# Argon2id passphrase hashing (core/util/Crypto.cpp): libsodium, Debian's libsodium-dev.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# LibTorch (CPU) for core/ml only; Debian's config lives in the multiarch cmake dir.
find_package(Torch REQUIRED)
