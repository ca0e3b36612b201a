#include "platform/file_picker.h"

namespace convstep::gui {

bool OpenSystemFilePicker() {
  return false;  // the Open window's typed path, with its folder listing, is the chooser here
}

}  // namespace convstep::gui
