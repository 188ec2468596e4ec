// Structural similarity (SSIM, Wang, Bovik, Sheikh & Simoncelli 2004) of two images: how alike
// their local structure is, not only their pixel values. 1 for identical images; blur, lost
// detail and shifted edges lower it. The bench's sharpness row (i) compares two renders with it.
#pragma once
#include "core/Image.h"

namespace tb {

// Mean SSIM of the luma (0.299 R + 0.587 G + 0.114 B) of two images of the same size, with the
// paper's constants: an 11x11 Gaussian window (sigma 1.5), K1 = 0.01, K2 = 0.03, L = 255, over
// every window wholly inside the image. Throws std::invalid_argument for different sizes or
// images smaller than the window.
double meanSsim(const ImageRGBA& a, const ImageRGBA& b);

}  // namespace tb
