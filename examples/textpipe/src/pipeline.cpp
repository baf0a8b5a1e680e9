// The pipeline: tokenizing, the filter chain, counting.
#include <algorithm>
#include <cctype>

#include "textpipe/pipeline.hpp"

namespace textpipe {

void Pipeline::add(std::unique_ptr<Filter> filter) { filters_.push_back(std::move(filter)); }

void Pipeline::push(std::string_view raw) {
    stats_.tokens++;
    scratch_.assign(raw.data(), raw.size());
    for (const auto &f : filters_)
        if (!f->apply(scratch_))
            return;
    stats_.kept++;
    stats_.bytes += scratch_.size();
    for (unsigned char c : scratch_)
        stats_.checksum = (stats_.checksum ^ c) * 1099511628211ull;
    counts_[scratch_]++;
}

void Pipeline::feed(std::string_view text) {
    std::size_t i = 0, n = text.size();
    while (i < n) {
        while (i < n && std::isspace(static_cast<unsigned char>(text[i])))
            i++;
        std::size_t start = i;
        while (i < n && !std::isspace(static_cast<unsigned char>(text[i])))
            i++;
        if (i > start)
            push(text.substr(start, i - start));
    }
}

std::vector<std::pair<std::string, std::uint64_t>> Pipeline::top(std::size_t n) const {
    std::vector<std::pair<std::string, std::uint64_t>> all(counts_.begin(), counts_.end());
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (all.size() > n)
        all.resize(n);
    return all;
}

} // namespace textpipe
