#include "scene_cache.hpp"

#include <stdexcept>
#include <string>

namespace sh::app {

void SceneCache::attach(const Device& device, VkExtent2D extent) {
    holds_ = false;
    auto picture = create_offscreen_target(device, extent);
    if (!picture) throw std::runtime_error("scene cache: " + picture.error().describe());
    picture_ = picture.take();
    attached_ = true;
}

void SceneCache::record_store(VkCommandBuffer cmd, OffscreenTarget& frame,
                              const scene::PictureInputs& inputs) {
    if (!attached_) throw std::logic_error("SceneCache::record_store: attach first");
    frame.copy_color_to(cmd, picture_);
    drawn_ = inputs; // assigned into the kept storage: no allocation once it has grown
    holds_ = true;
    ++stored_;
}

void SceneCache::record_restore(VkCommandBuffer cmd, OffscreenTarget& frame) {
    if (!holds_) throw std::logic_error("SceneCache::record_restore: nothing is kept");
    picture_.copy_color_to(cmd, frame);
    ++restored_;
}

} // namespace sh::app
