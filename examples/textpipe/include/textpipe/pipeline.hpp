// textpipe: a text-processing library. A Pipeline holds filters (each a
// virtual class) that every token passes through, and counts what comes
// out. Its hot path is a virtual call per token per filter, in the library:
// PGO with ThinLTO turns the common targets into direct, inlined calls in
// the program that links it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace textpipe {

// A filter rewrites a token in place; returning false drops it.
class Filter {
public:
    virtual ~Filter() = default;
    virtual bool apply(std::string &token) const = 0;
};

std::unique_ptr<Filter> make_lowercase();
std::unique_ptr<Filter> make_strip_punctuation();
std::unique_ptr<Filter> make_stop_words(std::vector<std::string> words);
std::unique_ptr<Filter> make_min_length(std::size_t n);
std::unique_ptr<Filter> make_stemmer();
std::unique_ptr<Filter> make_redactor(std::vector<std::string> secrets);

struct Stats {
    std::uint64_t tokens = 0, kept = 0, bytes = 0;
    std::uint64_t checksum = 0; // over the kept tokens, in order
};

class Pipeline {
public:
    void add(std::unique_ptr<Filter> filter);
    // Runs one token through the filters and counts it if it is kept.
    void push(std::string_view token);
    // Splits text at whitespace and pushes every token.
    void feed(std::string_view text);
    const Stats &stats() const { return stats_; }
    // The n most frequent kept tokens, most frequent first (ties: by text).
    std::vector<std::pair<std::string, std::uint64_t>> top(std::size_t n) const;

private:
    std::vector<std::unique_ptr<Filter>> filters_;
    std::unordered_map<std::string, std::uint64_t> counts_;
    Stats stats_;
    std::string scratch_;
};

// Deterministic text: `words` words drawn from a Zipf-like vocabulary with
// punctuation and capitals, from `seed`.
std::string generate_text(std::size_t words, std::uint64_t seed);

} // namespace textpipe
