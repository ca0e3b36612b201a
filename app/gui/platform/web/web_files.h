// Files between the page and the app: see web_run.h (TakeOpenedFiles, DeliverDownloads,
// SyncStorageWhenChanged).
#pragma once

#include "platform/web/web_run.h"
