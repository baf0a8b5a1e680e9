// Deterministic input text.
#include <cstdint>

#include "textpipe/pipeline.hpp"

namespace textpipe {
namespace {

std::uint64_t next(std::uint64_t &s) { // xorshift64*
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 2685821657736338717ull;
}

const char *const roots[] = {
    "the", "a", "of", "and", "to", "in", "profile", "guided", "optimization", "compiler",
    "build", "binary", "function", "inline", "branch", "loop", "counter", "sample", "train",
    "service", "request", "latency", "cache", "static", "library", "link", "thin", "module",
    "hot", "cold", "path", "call", "virtual", "table", "pointer", "object", "stream", "token",
    "filter", "pipeline", "stem", "word", "count", "merge", "weight", "host", "canary", "window",
};
const char *const endings[] = {"", "", "", "s", "ing", "ed", "ly", "es"};
const char *const marks[] = {"", "", "", "", ",", ".", ";", "!", "?", ")"};

} // namespace

std::string generate_text(std::size_t words, std::uint64_t seed) {
    std::uint64_t s = seed * 0x9E3779B97F4A7C15ull + 1;
    const std::size_t nroots = sizeof roots / sizeof *roots;
    std::string out;
    out.reserve(words * 8);
    for (std::size_t i = 0; i < words; i++) {
        // Zipf-like: low indexes far more often.
        std::uint64_t r = next(s);
        std::size_t idx = static_cast<std::size_t>((r % nroots) * ((r >> 32) % nroots) / nroots);
        std::string w = roots[idx];
        w += endings[(r >> 8) % (sizeof endings / sizeof *endings)];
        if ((r >> 16) % 7 == 0)
            w[0] = static_cast<char>(w[0] - 'a' + 'A');
        w += marks[(r >> 24) % (sizeof marks / sizeof *marks)];
        out += w;
        out += (i % 12 == 11) ? '\n' : ' ';
    }
    return out;
}

} // namespace textpipe
