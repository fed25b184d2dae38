#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/spool.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

// A named pipe in `dir` that a thread fills with `content` once a reader opens it.
class FilledFifo {
 public:
  FilledFifo(const genops::test::TempDir& dir, std::string content) : m_path(dir.path() / "pipe") {
    REQUIRE(::mkfifo(m_path.c_str(), 0600) == 0);
    m_writer = std::thread([path = m_path, content = std::move(content)] {
      std::ofstream out(path, std::ios::binary);  // blocks until the reader opens the pipe
      out << content;
    });
  }
  ~FilledFifo() { m_writer.join(); }
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
  std::thread m_writer;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("core::read_file: a pipe is read to its end (it has no size)") {
  genops::test::TempDir dir;
  const std::string content(200 * 1024, 'p');
  SUBCASE("within the limit") {
    FilledFifo fifo(dir, content);
    CHECK(genops::core::read_file(fifo.path(), 1024 * 1024) == content);
  }
  SUBCASE("over the limit") {
    // Under PIPE_BUF, so the writer's one write completes before the reader gives up.
    FilledFifo fifo(dir, std::string(2000, 'p'));
    try {
      (void)genops::core::read_file(fifo.path(), 1000);
      FAIL("expected an error");
    } catch (const genops::core::Error& e) {
      CHECK(std::string(e.what()).find("over the limit of 1000 bytes") != std::string::npos);
    }
  }
}

TEST_CASE("core::RereadableFile: a regular file is used as it is, a pipe is copied once") {
  genops::test::TempDir dir;
  SUBCASE("regular file") {
    auto path = dir.write("a.jsonl", "{}\n");
    genops::core::RereadableFile file(path);
    CHECK_FALSE(file.spooled());
    CHECK(file.path() == path);
  }
  SUBCASE("pipe") {
    std::filesystem::path copy;
    {
      FilledFifo fifo(dir, "{\"q\": 1}\n{\"q\": 2}\n");
      CHECK(genops::core::is_stream_file(fifo.path()));
      genops::core::RereadableFile file(fifo.path());
      CHECK(file.spooled());
      copy = file.path();
      CHECK(slurp(copy) == "{\"q\": 1}\n{\"q\": 2}\n");
      CHECK(slurp(copy) == "{\"q\": 1}\n{\"q\": 2}\n");  // again
    }
    CHECK_FALSE(std::filesystem::exists(copy));
  }
  SUBCASE("missing") {
    CHECK_THROWS_WITH_AS(genops::core::RereadableFile(dir.path() / "nope.jsonl"),
                         doctest::Contains("nope.jsonl: no such file"), genops::core::Error);
  }
}
