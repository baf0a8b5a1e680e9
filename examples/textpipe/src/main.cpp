// textpipe: runs the pipeline over generated text and prints its figures.
//   textpipe WORDS SEED [ROUNDS]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "textpipe/pipeline.hpp"

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        std::fprintf(stderr, "usage: textpipe WORDS SEED [ROUNDS]\n");
        return 2;
    }
    std::size_t words = std::strtoull(argv[1], nullptr, 10);
    std::uint64_t seed = std::strtoull(argv[2], nullptr, 10);
    int rounds = argc == 4 ? std::atoi(argv[3]) : 1;
    std::string text = textpipe::generate_text(words, seed);

    textpipe::Pipeline p;
    p.add(textpipe::make_strip_punctuation());
    p.add(textpipe::make_lowercase());
    p.add(textpipe::make_stemmer());
    p.add(textpipe::make_stop_words({"the", "a", "of", "and", "to", "in"}));
    p.add(textpipe::make_redactor({"canary-secret"}));
    p.add(textpipe::make_min_length(3));
    // The driver splits the text itself, as a program with its own reader
    // would, and pushes each token into the library: a hot call across the
    // library boundary.
    for (int r = 0; r < rounds; r++) {
        std::size_t i = 0, n = text.size();
        while (i < n) {
            std::size_t end = text.find_first_of(" \n", i);
            if (end == std::string::npos)
                end = n;
            if (end > i)
                p.push(std::string_view(text).substr(i, end - i));
            i = end + 1;
        }
    }

    const auto &s = p.stats();
    std::printf("tokens %llu kept %llu bytes %llu checksum %016llx\n", (unsigned long long)s.tokens,
                (unsigned long long)s.kept, (unsigned long long)s.bytes, (unsigned long long)s.checksum);
    for (const auto &[word, n] : p.top(5))
        std::printf("%8llu %s\n", (unsigned long long)n, word.c_str());
    return 0;
}
