#include "platform/page_url.h"

namespace convstep::gui {

std::string PageUrlWithoutFragment() {
  return {};  // the desktop has no page: a copied link is "#...", which --link opens
}

}  // namespace convstep::gui
