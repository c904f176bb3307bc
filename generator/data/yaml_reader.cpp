#include "generator/data/yaml_reader.h"

#include <yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace yhdessa {
namespace {

constexpr size_t kMaxDepth = 64;

// Plain scalars that YAML reads as null (as yaml-cpp, used before libyaml, did: the tree keeps the
// same shape). An empty plain scalar is what libyaml gives for a key without a value.
bool IsNullWord(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Builds the Value tree from libyaml's event stream. Each open sequence or mapping is a
// frame; a finished node goes into the frame below it (as a list item, a key, or the value
// of the pending key).
class TreeBuilder {
 public:
  TreeBuilder(const std::string& file, int first_line, DiagnosticList& diags)
      : file_(file), first_line_(first_line), diags_(diags) {}

  SourcePos Pos(const yaml_mark_t& m) const {
    // libyaml counts lines from 0 and columns in characters from 0; ours are 1-based
    // lines of the whole file and columns in code points (Diagnostic's caret counts so).
    return {file_, static_cast<int>(m.line) + first_line_, static_cast<int>(m.column) + 1};
  }

  bool ok() const { return ok_; }
  bool done() const { return done_; }

  /// Handles one event; false when the document cannot become a Value (already reported).
  bool Handle(const yaml_event_t& ev) {
    switch (ev.type) {
      case YAML_SCALAR_EVENT: {
        const auto& s = ev.data.scalar;
        std::string text(reinterpret_cast<const char*>(s.value), s.length);
        const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        const bool tagged = s.tag != nullptr;
        const bool null = plain && !tagged && IsNullWord(text);
        SourcePos pos = Pos(ev.start_mark);
        // A map's key (half of all scalars) becomes the key itself, not a Value first.
        if (!null && !s.anchor && !stack_.empty() && stack_.back().value.is_map() &&
            !stack_.back().has_key) {
          return Key(std::move(text), pos);
        }
        Value v = null ? Value::Null(pos)
                       // Quoted and block scalars, and explicit tags, stay text: "true" in
                       // quotes is not a boolean.
                       : Value::Scalar(std::move(text), !plain || tagged, pos);
        return Finish(std::move(v), Anchor(s.anchor), true);
      }
      case YAML_SEQUENCE_START_EVENT:
        return Open(Value::List(Pos(ev.start_mark)), Anchor(ev.data.sequence_start.anchor));
      case YAML_MAPPING_START_EVENT:
        return Open(Value::Map(Pos(ev.start_mark)), Anchor(ev.data.mapping_start.anchor));
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        return Finish(std::move(f.value), std::move(f.anchor), false);
      }
      case YAML_ALIAS_EVENT: {
        std::string name = Anchor(ev.data.alias.anchor);
        auto it = anchors_.find(name);
        if (it == anchors_.end()) {
          diags_.Error(Pos(ev.start_mark), "YAML alias '*" + name + "' refers to no anchor",
                       "define '&" + name + "' before it is used");
          ok_ = false;
          return false;
        }
        return Finish(it->second, "", it->second.is_scalar());
      }
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT:
        done_ = true;  // one document: what follows a second '---' is not read
        return true;
      default:
        return true;
    }
  }

  /// The document's root; a null Value without a column when the document was empty.
  Value TakeRoot() {
    if (root_) return std::move(*root_);
    return Value::Null({file_, first_line_, 0});
  }

 private:
  struct Frame {
    Value value;
    std::string anchor;
    bool has_key = false;
    bool skip_value = false;  // the key was rejected: drop its value
    std::string key;
    SourcePos key_pos;
  };

  static std::string Anchor(const yaml_char_t* a) {
    return a ? std::string(reinterpret_cast<const char*>(a)) : std::string();
  }

  bool Open(Value v, std::string anchor) {
    if (stack_.size() >= kMaxDepth) {
      diags_.Error(v.pos(), "YAML is nested more than 64 levels deep");
      ok_ = false;
      return false;
    }
    Frame f;
    f.value = std::move(v);
    f.anchor = std::move(anchor);
    stack_.push_back(std::move(f));
    return true;
  }

  // The key of the map being read, whose value comes next.
  bool Key(std::string key, const SourcePos& pos) {
    Frame& f = stack_.back();
    f.has_key = true;
    f.skip_value = false;
    f.key = std::move(key);
    f.key_pos = pos;
    if (f.value.Find(f.key) != nullptr) {
      diags_.Error(f.key_pos, "key '" + f.key + "' appears twice", "remove one of them");
      ok_ = false;
      f.skip_value = true;
    }
    return true;
  }

  bool Finish(Value v, std::string anchor, bool scalar) {
    if (!anchor.empty()) anchors_.insert_or_assign(anchor, v);
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& f = stack_.back();
    if (f.value.is_list()) {
      f.value.Append(std::move(v));
      return true;
    }
    if (!f.has_key) {
      if (!scalar || v.is_null()) {
        diags_.Error(v.pos(), "a key must be a single word or text");
        ok_ = false;
        f.has_key = true;
        f.skip_value = true;
        return true;
      }
      return Key(v.text(), v.pos());  // a key with an anchor
    }
    f.has_key = false;
    if (!f.skip_value) f.value.Insert(std::move(f.key), std::move(v), f.key_pos);
    return true;
  }

  SourceFile file_;  // interned once, so each node's position copies a pointer
  int first_line_;
  DiagnosticList& diags_;
  std::vector<Frame> stack_;
  std::map<std::string, Value> anchors_;
  std::optional<Value> root_;
  bool ok_ = true;
  bool done_ = false;
};

}  // namespace

std::optional<Value> ParseYaml(std::string_view text, const std::string& file, int first_line,
                               DiagnosticList& diags) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    diags.Error({file, first_line, 0}, "out of memory while reading YAML");
    return std::nullopt;
  }
  std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> guard(&parser, yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  TreeBuilder builder(file, first_line, diags);
  while (!builder.done()) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      // libyaml says what it found and, often, what it was reading then ("while scanning
      // a quoted scalar" that began at context_mark).
      std::string msg = parser.problem ? parser.problem : "invalid YAML";
      if (parser.context) {
        msg += std::string(" ") + parser.context;
        if (parser.context_mark.line != parser.problem_mark.line) {
          msg += " that began on line " +
                 std::to_string(parser.context_mark.line + static_cast<size_t>(first_line));
        }
      }
      diags.Error(builder.Pos(parser.problem_mark), "YAML syntax error: " + msg,
                  "check indentation, and quote texts that contain ': ' or start with a special "
                  "character");
      return std::nullopt;
    }
    const bool go_on = builder.Handle(ev);
    yaml_event_delete(&ev);
    if (!go_on) return std::nullopt;
  }
  if (!builder.ok()) return std::nullopt;
  return builder.TakeRoot();
}

}  // namespace yhdessa
