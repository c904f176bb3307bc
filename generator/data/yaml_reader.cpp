#include "generator/data/yaml_reader.h"

#include <yaml-cpp/yaml.h>

namespace yhdessa {
namespace {

struct Converter {
  const std::string& file;
  int first_line;
  DiagnosticList& diags;
  bool ok = true;

  SourcePos Pos(const YAML::Mark& m) const {
    if (m.is_null()) return {file, first_line, 0};
    return {file, m.line + first_line, m.column + 1};
  }

  Value Convert(const YAML::Node& n, int depth) {
    if (depth > 64) {
      diags.Error(Pos(n.Mark()), "YAML is nested more than 64 levels deep");
      ok = false;
      return Value::Null(Pos(n.Mark()));
    }
    switch (n.Type()) {
      case YAML::NodeType::Scalar:
        // yaml-cpp marks quoted scalars with the non-specific tag "!".
        return Value::Scalar(n.Scalar(), n.Tag() == "!", Pos(n.Mark()));
      case YAML::NodeType::Sequence: {
        Value list = Value::List(Pos(n.Mark()));
        for (const auto& item : n) list.Append(Convert(item, depth + 1));
        return list;
      }
      case YAML::NodeType::Map: {
        Value map = Value::Map(Pos(n.Mark()));
        for (const auto& kv : n) {
          SourcePos kpos = Pos(kv.first.Mark());
          if (!kv.first.IsScalar()) {
            diags.Error(kpos, "a key must be a single word or text");
            ok = false;
            continue;
          }
          const std::string& key = kv.first.Scalar();
          if (map.Find(key) != nullptr) {
            diags.Error(kpos, "key '" + key + "' appears twice", "remove one of them");
            ok = false;
            continue;
          }
          map.Insert(key, Convert(kv.second, depth + 1), kpos);
        }
        return map;
      }
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return Value::Null(Pos(n.Mark()));
    }
    return Value::Null(Pos(n.Mark()));
  }
};

}  // namespace

std::optional<Value> ParseYaml(std::string_view text, const std::string& file, int first_line,
                               DiagnosticList& diags) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    SourcePos pos{file, first_line, 0};
    if (!e.mark.is_null()) pos = {file, e.mark.line + first_line, e.mark.column + 1};
    std::string msg = e.msg.empty() ? "invalid YAML" : e.msg;
    diags.Error(pos, "YAML syntax error: " + msg,
                "check indentation, and quote texts that contain ': ' or start with a special "
                "character");
    return std::nullopt;
  }
  Converter c{file, first_line, diags};
  Value v = c.Convert(root, 0);
  if (!c.ok) return std::nullopt;
  return v;
}

}  // namespace yhdessa
