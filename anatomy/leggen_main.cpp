// secondheart-leggen: writes the default leg anatomy (glTF meshes, manifest, landmarks).
#include "anatomy/leggen.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {
void usage(std::FILE* f) {
    std::fprintf(
        f, "usage: secondheart-leggen --out DIR [--detail F] [--no-verify]\n"
           "\n"
           "Generates the default right lower leg of a 175 cm adult from anatomical landmarks\n"
           "and writes one glTF (.gltf + .bin) per structure, manifest.json and landmarks.json\n"
           "into DIR. The output is deterministic: the same bytes on every run. Afterwards every\n"
           "file is imported again through assimp and checked (closed, wound outward).\n"
           "\n"
           "  --out DIR     output folder (e.g. assets/anatomy)\n"
           "  --detail F    level of detail, 0.1 to 1 (default 1): scales every ring and\n"
           "                segment count (0.5: a quarter of the triangles)\n"
           "  --no-verify   skip the re-import check\n"
           "  --help        this text\n");
}
} // namespace

int main(int argc, char** argv) {
    std::string out;
    bool verify = true;
    double detail = 1.0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            usage(stdout);
            return 0;
        }
        if (a == "--no-verify") {
            verify = false;
            continue;
        }
        if (a == "--detail" && i + 1 < argc) {
            char* end = nullptr;
            const char* text = argv[++i];
            detail = std::strtod(text, &end);
            if (end == text || *end != '\0' || !(detail >= 0.1 && detail <= 1.0)) {
                std::fprintf(stderr,
                             "secondheart-leggen: --detail expects a number from 0.1 to 1, got "
                             "'%s'\n",
                             text);
                return 2;
            }
            continue;
        }
        if (a == "--out" && i + 1 < argc) {
            out = argv[++i];
            continue;
        }
        if (a.rfind("--out=", 0) == 0) {
            out = a.substr(6);
            continue;
        }
        std::fprintf(stderr, "secondheart-leggen: unknown argument '%s'\n\n", a.c_str());
        usage(stderr);
        return 2;
    }
    if (out.empty()) {
        std::fprintf(stderr, "secondheart-leggen: --out DIR is required\n\n");
        usage(stderr);
        return 2;
    }
    const auto r = sh::anatomy::write_default_leg(out, detail);
    if (!r.error.empty()) {
        std::fprintf(stderr, "secondheart-leggen: %s\n", r.error.c_str());
        return 1;
    }
    std::size_t tris = 0, bytes = 0;
    std::printf("%-24s %9s %9s %10s\n", "role", "triangles", "vertices", "bytes");
    for (const auto& f : r.files) {
        std::printf("%-24s %9zu %9zu %10zu\n", f.role.c_str(), f.triangles, f.vertices, f.bytes);
        tris += f.triangles;
        bytes += f.bytes;
    }
    std::printf("%-24s %9zu %9s %10zu\n", "total", tris, "", bytes);
    if (verify) {
        const auto problems = sh::anatomy::verify_written_leg(out);
        for (const auto& p : problems) std::fprintf(stderr, "secondheart-leggen: %s\n", p.c_str());
        if (!problems.empty()) return 1;
        std::printf("verified: every file re-imports through assimp closed and wound outward\n");
    }
    return 0;
}
