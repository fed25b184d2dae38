// The skew report for people: a terminal table and Markdown (a PR comment).
#include <cstdio>
#include <sstream>

#include "core/json.hpp"
#include "core/utf8.hpp"
#include "eval/skew/skew.hpp"

namespace genops::eval::skew {

namespace {

constexpr int k_bar_width = 20;

std::string fmt(double v) {
  char buf[32];
  if (v != 0 && std::abs(v) < 1e-4) std::snprintf(buf, sizeof buf, "%.1e", v);
  else std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%5.1f%%", share * 100);
  return buf;
}

std::string bar(double share) {
  const int n = static_cast<int>(share * k_bar_width + 0.5);
  std::string out;
  for (int i = 0; i < n; ++i) out += "█";
  return out + std::string(static_cast<std::size_t>(k_bar_width - n), ' ');
}

// Display width of a UTF-8 string: one column per code point.
std::size_t width(const std::string& s) { return core::utf8::count(s); }

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

std::vector<std::string> row_of(const FeatureResult& f) {
  const bool tested = !f.test.empty() && f.verdict != Verdict::no_data;
  return {f.name, to_string(f.kind), tested ? f.test : "-", tested ? fmt(f.statistic) : "-", tested ? fmt(f.threshold) : "-",
          f.p_value && tested ? fmt(*f.p_value) : "-", to_string(f.verdict)};
}

std::string summary_line(const SkewReport& r) {
  std::string out = r.drift ? "DRIFT" : "no drift";
  out += ": " + std::to_string(r.drifted) + " of " + std::to_string(r.tested) + " columns drifted";
  if (r.method == DatasetMethod::share) {
    const double share = r.tested ? static_cast<double>(r.drifted) / r.tested : 0;
    out += " (share " + fmt(share) + (r.drift ? " >= " : " < ") + fmt(r.drift_share) + ")";
  } else {
    out += " (Bonferroni at alpha " + fmt(r.alpha) + ")";
  }
  return out;
}

std::string embedding_line(const EmbeddingResult& e) {
  if (!e.computed) return "embedding: not computed" + (e.note.empty() ? std::string() : " (" + e.note + ")");
  const auto& d = e.drift;
  return "embedding (" + e.provider + "): centroid distance " + fmt(d.centroid_distance) + " (threshold " + fmt(e.threshold) +
         "), MMD² " + fmt(d.mmd2) + ", p " + fmt(d.p_value) + " (" + std::to_string(d.permutations) + " permutations, " +
         std::to_string(d.reference_n) + " vs " + std::to_string(d.current_n) + " inputs): " + to_string(e.verdict);
}

void histograms(std::ostringstream& out, const SkewReport& r, const std::string& indent) {
  for (const auto& f : r.features) {
    if (f.histogram.empty()) continue;
    out << indent << f.name << "  (" << to_string(f.verdict) << ")  reference | current\n";
    std::size_t w = 0;
    for (const auto& b : f.histogram) w = std::max(w, width(b.label));
    for (const auto& b : f.histogram)
      out << indent << "  " << pad(b.label, w) << "  " << bar(b.reference) << " " << percent(b.reference) << " | "
          << bar(b.current) << " " << percent(b.current) << "\n";
  }
}

std::string aligned(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += (i ? "  " : "") + (i + 1 < row.size() ? pad(row[i], widths[i]) : row[i]);
    out += line + "\n";
  }
  return out;
}

// The column verdicts: which feature decided each column, and why.
std::vector<std::vector<std::string>> column_rows(const SkewReport& r) {
  std::vector<std::vector<std::string>> rows{{"column", "kind", "verdict", "decided by", "why"}};
  for (const auto& c : r.columns) {
    std::string why = c.reason;
    if (why.empty() && c.constant > 0) why = std::to_string(c.constant) + " of " + std::to_string(c.features) + " features constant on both sides";
    rows.push_back({c.name, c.kind, to_string(c.verdict), c.decided_by.empty() ? "-" : c.decided_by, why.empty() ? "-" : why});
  }
  return rows;
}

}  // namespace

std::string render_text(const SkewReport& r) {
  std::ostringstream out;
  out << "reference: " << r.reference.source << " (" << r.reference.rows << " rows)\n";
  out << "current:   " << r.current.source << " (" << r.current.rows << " rows)\n\n";
  std::vector<std::vector<std::string>> rows{{"feature", "kind", "test", "statistic", "threshold", "p-value", "verdict"}};
  for (const auto& f : r.features) rows.push_back(row_of(f));
  out << aligned(rows);
  for (const auto& f : r.features)
    if (!f.note.empty()) out << "  note: " << f.name << ": " << f.note << "\n";
  out << "\n" << embedding_line(r.embedding) << "\n\n";
  out << aligned(column_rows(r)) << "\n";
  histograms(out, r, "");
  if (!r.farthest.empty()) {
    out << "\ncurrent inputs least like the reference (cosine distance to its centroid):\n";
    for (const auto& f : r.farthest) out << "  " << fmt(f.distance) << "  " << core::dump_json(f.input) << "\n";
  }
  for (const auto& w : r.warnings) out << "\nwarning: " << w;
  if (!r.warnings.empty()) out << "\n";
  out << "\n" << summary_line(r) << "\n";
  return out.str();
}

std::string render_markdown(const SkewReport& r) {
  std::ostringstream out;
  out << "## Input skew: " << (r.drift ? "drift" : "no drift") << "\n\n";
  out << "Reference `" << r.reference.source << "` (" << r.reference.rows << " rows) vs current `" << r.current.source << "` ("
      << r.current.rows << " rows). " << summary_line(r) << ".\n\n";
  out << "| feature | kind | test | statistic | threshold | p-value | verdict |\n|---|---|---|---:|---:|---:|---|\n";
  for (const auto& f : r.features) {
    const auto row = row_of(f);
    out << "| `" << row[0] << "` |";
    for (std::size_t i = 1; i < row.size(); ++i) out << " " << (i == 6 && f.verdict == Verdict::drift ? "**drift**" : row[i]) << " |";
    out << "\n";
  }
  for (const auto& f : r.features)
    if (!f.note.empty()) out << "\n* `" << f.name << "`: " << f.note;
  out << "\n\n| column | kind | verdict | decided by | why |\n|---|---|---|---|---|\n";
  const auto columns = column_rows(r);
  for (std::size_t i = 1; i < columns.size(); ++i) {
    out << "|";
    for (const auto& cell : columns[i]) out << " " << (cell == "drift" ? "**drift**" : cell) << " |";
    out << "\n";
  }
  out << "\n" << embedding_line(r.embedding) << "\n\n<details><summary>Histograms (reference | current)</summary>\n\n```\n";
  histograms(out, r, "");
  out << "```\n\n</details>\n";
  if (!r.farthest.empty()) {
    out << "\n### Current inputs least like the reference\n\n| distance | input |\n|---:|---|\n";
    for (const auto& f : r.farthest) {
      std::string text = core::dump_json(f.input);
      std::string escaped;
      for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
      out << "| " << fmt(f.distance) << " | `" << escaped << "` |\n";
    }
  }
  for (const auto& w : r.warnings) out << "\n> warning: " << w << "\n";
  return out.str();
}

}  // namespace genops::eval::skew
