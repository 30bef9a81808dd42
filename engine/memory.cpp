#include "memory.hpp"

#include "vk_check.hpp"

#include <cstring>
#include <string>

namespace sh {
namespace {

// First type in type_bits whose flags contain `want`.
std::optional<std::uint32_t> first_with(const VkPhysicalDeviceMemoryProperties& props,
                                        std::uint32_t type_bits, VkMemoryPropertyFlags want) {
    for (std::uint32_t i = 0; i < props.memoryTypeCount; ++i) {
        if ((type_bits & (1u << i)) == 0) continue;
        if ((props.memoryTypes[i].propertyFlags & want) == want) return i;
    }
    return std::nullopt;
}

Result<UniqueMemory> allocate(const Device& device, const VkMemoryRequirements& req, MemoryUse use,
                              const char* what) {
    const std::optional<std::uint32_t> type =
        find_memory_type(device.memory(), req.memoryTypeBits, use);
    if (!type) {
        return Error{std::string("no memory type fits the ") + what,
                     {"memoryTypeBits " + std::to_string(req.memoryTypeBits)}};
    }
    VkMemoryAllocateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    info.allocationSize = req.size;
    info.memoryTypeIndex = *type;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    const VkResult result = vkAllocateMemory(device.get(), &info, nullptr, &memory);
    if (result != VK_SUCCESS) {
        return vulkan_error(result, std::string("vkAllocateMemory failed for the ") + what,
                            {"size " + std::to_string(req.size)});
    }
    return UniqueMemory(device.get(), memory);
}

} // namespace

std::optional<std::uint32_t> find_memory_type(const VkPhysicalDeviceMemoryProperties& props,
                                              std::uint32_t type_bits, MemoryUse use) {
    constexpr VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
    constexpr VkMemoryPropertyFlags coherent = VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    constexpr VkMemoryPropertyFlags cached = VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
    switch (use) {
    case MemoryUse::DeviceLocal:
        if (auto t = first_with(props, type_bits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)) return t;
        return first_with(props, type_bits, 0); // any compatible type
    case MemoryUse::Upload:
        if (auto t = first_with(props, type_bits, host | coherent)) return t;
        return first_with(props, type_bits, host); // non-coherent: Buffer::write flushes
    case MemoryUse::Readback:
        if (auto t = first_with(props, type_bits, host | coherent | cached)) return t;
        if (auto t = first_with(props, type_bits, host | coherent)) return t;
        return first_with(props, type_bits, host); // non-coherent: Buffer::read invalidates
    }
    return std::nullopt;
}

void Buffer::write(const void* data, std::size_t bytes, std::size_t offset) const {
    if (!mapped_) throw std::logic_error("Buffer::write on a buffer that is not host-visible");
    if (offset + bytes > size_) throw std::out_of_range("Buffer::write past the end");
    std::memcpy(static_cast<std::byte*>(mapped_) + offset, data, bytes);
    flush();
}

void Buffer::flush() const {
    if (!mapped_) throw std::logic_error("Buffer::flush on a buffer that is not host-visible");
    if (coherent_) return;
    VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE, nullptr, memory_.get(), 0,
                              VK_WHOLE_SIZE};
    VK_CHECK(vkFlushMappedMemoryRanges(device_, 1, &range));
}

void Buffer::read(void* data, std::size_t bytes, std::size_t offset) const {
    if (!mapped_) throw std::logic_error("Buffer::read on a buffer that is not host-visible");
    if (offset + bytes > size_) throw std::out_of_range("Buffer::read past the end");
    if (!coherent_) {
        VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE, nullptr, memory_.get(), 0,
                                  VK_WHOLE_SIZE};
        VK_CHECK(vkInvalidateMappedMemoryRanges(device_, 1, &range));
    }
    std::memcpy(data, static_cast<const std::byte*>(mapped_) + offset, bytes);
}

Result<Buffer> create_buffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage,
                             MemoryUse use) {
    if (size == 0) return Error{"create_buffer: size is zero", {}};
    VkBufferCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    info.size = size;
    info.usage = usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;

    Buffer buffer;
    buffer.device_ = device.get();
    buffer.size_ = size;
    VkBuffer handle = VK_NULL_HANDLE;
    const VkResult created = vkCreateBuffer(device.get(), &info, nullptr, &handle);
    if (created != VK_SUCCESS) return vulkan_error(created, "vkCreateBuffer failed");
    buffer.buffer_ = UniqueBuffer(device.get(), handle);

    VkMemoryRequirements req{};
    vkGetBufferMemoryRequirements(device.get(), handle, &req);
    Result<UniqueMemory> memory = allocate(device, req, use, "buffer");
    if (!memory) return memory.error();
    buffer.memory_ = memory.take();
    VK_CHECK(vkBindBufferMemory(device.get(), handle, buffer.memory_.get(), 0));

    if (use != MemoryUse::DeviceLocal) {
        const std::uint32_t type = *find_memory_type(device.memory(), req.memoryTypeBits, use);
        buffer.coherent_ = (device.memory().memoryTypes[type].propertyFlags &
                            VK_MEMORY_PROPERTY_HOST_COHERENT_BIT) != 0;
        VK_CHECK(
            vkMapMemory(device.get(), buffer.memory_.get(), 0, VK_WHOLE_SIZE, 0, &buffer.mapped_));
    }
    return buffer;
}

Result<Image> create_image(const Device& device, const ImageDesc& desc) {
    if (desc.extent.width == 0 || desc.extent.height == 0)
        return Error{"create_image: zero-sized image", {}};
    VkImageCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
    info.imageType = VK_IMAGE_TYPE_2D;
    info.format = desc.format;
    info.extent = {desc.extent.width, desc.extent.height, 1};
    info.mipLevels = 1;
    info.arrayLayers = 1;
    info.samples = VK_SAMPLE_COUNT_1_BIT;
    info.tiling = VK_IMAGE_TILING_OPTIMAL;
    info.usage = desc.usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;

    Image image;
    image.desc_ = desc;
    VkImage handle = VK_NULL_HANDLE;
    const VkResult created = vkCreateImage(device.get(), &info, nullptr, &handle);
    if (created != VK_SUCCESS) return vulkan_error(created, "vkCreateImage failed");
    image.image_ = UniqueImage(device.get(), handle);

    VkMemoryRequirements req{};
    vkGetImageMemoryRequirements(device.get(), handle, &req);
    Result<UniqueMemory> memory = allocate(device, req, MemoryUse::DeviceLocal, "image");
    if (!memory) return memory.error();
    image.memory_ = memory.take();
    VK_CHECK(vkBindImageMemory(device.get(), handle, image.memory_.get(), 0));

    VkImageViewCreateInfo view{};
    view.sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO;
    view.image = handle;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = desc.format;
    view.subresourceRange = {desc.aspect, 0, 1, 0, 1};
    VkImageView view_handle = VK_NULL_HANDLE;
    VK_CHECK(vkCreateImageView(device.get(), &view, nullptr, &view_handle));
    image.view_ = UniqueImageView(device.get(), view_handle);
    return image;
}

} // namespace sh
