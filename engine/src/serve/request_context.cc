#include "serve/request_context.h"

namespace ccdafhir::serve {

RequestContext& current_request() {
  thread_local RequestContext context;
  return context;
}

}  // namespace ccdafhir::serve
