// Buffers and images with their own VkDeviceMemory. The engine has a few dozen long-lived
// allocations, far below maxMemoryAllocationCount, so one allocation per resource is simpler
// than an allocator (VMA is not packaged in Debian 12 anyway).
#pragma once

#include "device.hpp"
#include "result.hpp"
#include "vk_handle.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vulkan/vulkan.h>

namespace sh {

enum class MemoryUse {
    DeviceLocal, // GPU-only data; falls back to any compatible type (e.g. on CPU devices)
    Upload,      // CPU writes, GPU reads: host-visible, coherent preferred
    Readback,    // GPU writes, CPU reads: host-visible, coherent and cached preferred
};

// Index of the best memory type for `use` among `type_bits`, or nothing. Pure, so testable.
std::optional<std::uint32_t> find_memory_type(const VkPhysicalDeviceMemoryProperties& props,
                                              std::uint32_t type_bits, MemoryUse use);

class Buffer {
public:
    Buffer() = default;

    VkBuffer get() const noexcept { return buffer_.get(); }
    VkDeviceSize size() const noexcept { return size_; }
    // Persistently mapped pointer for Upload/Readback buffers; nullptr for DeviceLocal.
    void* mapped() const noexcept { return mapped_; }

    // Copies bytes into a mapped buffer and makes them visible to the device.
    void write(const void* data, std::size_t bytes, std::size_t offset = 0) const;
    // Makes what the host wrote through mapped() visible to the device (no-op on coherent
    // memory).
    void flush() const;
    // Makes device writes visible to the host (no-op on coherent memory) and copies them out.
    void read(void* data, std::size_t bytes, std::size_t offset = 0) const;

private:
    friend Result<Buffer> create_buffer(const Device&, VkDeviceSize, VkBufferUsageFlags, MemoryUse);
    // Declaration order matters: the buffer is destroyed before its memory is freed.
    UniqueMemory memory_;
    UniqueBuffer buffer_;
    VkDevice device_ = VK_NULL_HANDLE;
    VkDeviceSize size_ = 0;
    void* mapped_ = nullptr;
    bool coherent_ = true;
};

Result<Buffer> create_buffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage,
                             MemoryUse use);

struct ImageDesc {
    VkExtent2D extent{};
    VkFormat format = VK_FORMAT_UNDEFINED;
    VkImageUsageFlags usage = 0;
    VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
};

class Image {
public:
    Image() = default;

    VkImage get() const noexcept { return image_.get(); }
    VkImageView view() const noexcept { return view_.get(); }
    VkFormat format() const noexcept { return desc_.format; }
    VkExtent2D extent() const noexcept { return desc_.extent; }
    VkImageAspectFlags aspect() const noexcept { return desc_.aspect; }

private:
    friend Result<Image> create_image(const Device&, const ImageDesc&);
    UniqueMemory memory_;
    UniqueImage image_;
    UniqueImageView view_;
    ImageDesc desc_;
};

// A 2D, single-mip, single-layer, OPTIMAL-tiling image in device-local memory with a view.
Result<Image> create_image(const Device& device, const ImageDesc& desc);

} // namespace sh
