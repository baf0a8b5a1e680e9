// The filters: small virtual functions, called once per token each.
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "textpipe/pipeline.hpp"

namespace textpipe {
namespace {

class Lowercase final : public Filter {
public:
    bool apply(std::string &t) const override {
        for (char &c : t)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return true;
    }
};

class StripPunctuation final : public Filter {
public:
    bool apply(std::string &t) const override {
        t.erase(std::remove_if(t.begin(), t.end(),
                               [](unsigned char c) { return std::ispunct(c) && c != '\''; }),
                t.end());
        return !t.empty();
    }
};

class StopWords final : public Filter {
public:
    explicit StopWords(std::vector<std::string> words) : words_(words.begin(), words.end()) {}
    bool apply(std::string &t) const override { return words_.find(t) == words_.end(); }

private:
    std::unordered_set<std::string> words_;
};

class MinLength final : public Filter {
public:
    explicit MinLength(std::size_t n) : n_(n) {}
    bool apply(std::string &t) const override { return t.size() >= n_; }

private:
    std::size_t n_;
};

// A crude English suffix stripper.
class Stemmer final : public Filter {
public:
    bool apply(std::string &t) const override {
        static const char *const suffixes[] = {"ing", "edly", "ed", "ly", "es", "s"};
        for (const char *s : suffixes) {
            std::size_t k = std::char_traits<char>::length(s);
            if (t.size() > k + 2 && t.compare(t.size() - k, k, s) == 0) {
                t.resize(t.size() - k);
                break;
            }
        }
        return true;
    }
};

// Rare in practice: replaces tokens that are secrets.
class Redactor final : public Filter {
public:
    explicit Redactor(std::vector<std::string> secrets) : secrets_(std::move(secrets)) {}
    bool apply(std::string &t) const override {
        for (const auto &s : secrets_)
            if (t == s) {
                t = "[redacted]";
                break;
            }
        return true;
    }

private:
    std::vector<std::string> secrets_;
};

} // namespace

std::unique_ptr<Filter> make_lowercase() { return std::make_unique<Lowercase>(); }
std::unique_ptr<Filter> make_strip_punctuation() { return std::make_unique<StripPunctuation>(); }
std::unique_ptr<Filter> make_stop_words(std::vector<std::string> w) { return std::make_unique<StopWords>(std::move(w)); }
std::unique_ptr<Filter> make_min_length(std::size_t n) { return std::make_unique<MinLength>(n); }
std::unique_ptr<Filter> make_stemmer() { return std::make_unique<Stemmer>(); }
std::unique_ptr<Filter> make_redactor(std::vector<std::string> s) { return std::make_unique<Redactor>(std::move(s)); }

} // namespace textpipe
