// The JUnit .xml report: structure, folded repeats, escaping, and
// well-formedness checked by Python's XML parser (xml.dom.minidom, expat).
#include <doctest/doctest.h>

#include <cstdlib>

#include "report_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace genops::eval::reports;
using genops::eval::testing::ReportFixture;

TEST_CASE("eval::reports junit: one testsuite per provider, one testcase per case") {
  ReportFixture f;
  const std::string xml = render_report(f.report, ReportFormat::junit);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"support-regression\" tests=\"4\" "
                  "failures=\"2\" errors=\"0\">",
                  0) == 0);
  CHECK(xml.find("<testsuite name=\"support-regression.claude\" tests=\"2\" failures=\"2\"") != std::string::npos);
  CHECK(xml.find("<testsuite name=\"support-regression.gpt\" tests=\"2\" failures=\"0\"") != std::string::npos);
  // Named by its first vars (no description), escaped, then its key.
  CHECK(xml.find("<testcase name=\"question=&quot;How do I get a refund? &lt;/script&gt;&lt;!--&quot; (case-0)\" "
                 "classname=\"support-regression.gpt\" time=\"0.200\">") != std::string::npos);
  CHECK(xml.find("<failure message=\"passed 1 of 2 repeats: rougeL: &lt;script&gt;") != std::string::npos);
  CHECK(xml.find("repeat 1: rougeL: ") != std::string::npos);
  SUBCASE("no raw markup, CDATA end or control character from user text") {
    CHECK(xml.find("<script>") == std::string::npos);
    CHECK(xml.find("]]>") == std::string::npos);
    CHECK(xml.find('\x01') == std::string::npos);
    CHECK(xml.find('\x1b') == std::string::npos);
  }
  SUBCASE("a target error is an <error>") {
    f.results[2].pass = false;
    f.results[2].error = "provider claude: HTTP 500";
    f.results[3].error = "provider claude: HTTP 500";
    f.report.summary = genops::eval::stats::summarize(f.results);
    const std::string with_errors = render_report(f.report, ReportFormat::junit);
    CHECK(with_errors.find("<error message=\"passed 0 of 2 repeats: error: provider claude: HTTP 500\" "
                           "type=\"target_error\">") != std::string::npos);
  }
}

TEST_CASE("eval::reports junit: well-formed XML (python3 xml.dom.minidom)") {
  ReportFixture f;
  genops::test::TempDir dir;
  const auto path = dir.write("junit.xml", render_report(f.report, ReportFormat::junit));
  const std::string command = "python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); "
                              "sys.exit(0 if len(d.getElementsByTagName(\"testcase\")) == 4 else 1)' '" +
                              path.string() + "'";
  CHECK(std::system(command.c_str()) == 0);
  SUBCASE("the check can fail: a raw control character is rejected") {
    const auto bad = dir.write("bad.xml", "<a>\x01</a>");
    const std::string check = "python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' '" + bad.string() +
                              "' 2>/dev/null";
    CHECK(std::system(check.c_str()) != 0);
  }
}
