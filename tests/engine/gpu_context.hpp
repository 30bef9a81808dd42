// A validated Vulkan context for one GPU test: instance with the validation layer REQUIRED and
// a counting messenger, the selected device, an immediate submitter. Tests create their
// resources inside the context's lifetime, then call finish_and_check_validation(), which
// tears everything down (so leak reports arrive) and REQUIREs zero errors and warnings.
#pragma once

#include "device.hpp"
#include "immediate_submit.hpp"
#include "instance.hpp"

#include <memory>

namespace sh::test {

struct GpuContext {
    // Destroyed bottom-up: submitter, device (leak report), instance (leak report).
    Instance instance;
    Device device;
    ImmediateSubmitter submitter;
};

// REQUIREs success (the main already probed that a device and the layer exist).
std::unique_ptr<GpuContext> make_gpu_context();

// Destroys the context and REQUIREs that validation reported no error and no warning,
// printing the last messages otherwise.
void finish_and_check_validation(std::unique_ptr<GpuContext>& context);

} // namespace sh::test
