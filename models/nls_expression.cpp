// Recursive-descent parser of the NLS expression language into an expression tree, constant
// folding, then emission of the postfix programs. Precedence as in R: unary minus binds looser than
// '^' (-x^2 is -(x^2)), '^' is right-associative and its exponent may carry a sign (x^-2).
#include "models/nls_expression.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <numbers>

#include "data/error.hpp"
#include "data/names.hpp"
#include "models/lexer.hpp"

namespace gvcpanel::models {

namespace {

const std::map<std::string, NlsOp, std::less<>>& functions() {
    static const std::map<std::string, NlsOp, std::less<>> table = {
        {"exp", NlsOp::exp}, {"log", NlsOp::log}, {"sqrt", NlsOp::sqrt}, {"abs", NlsOp::abs},
        {"sin", NlsOp::sin}, {"cos", NlsOp::cos}, {"tan", NlsOp::tan},   {"atan", NlsOp::atan},
    };
    return table;
}

struct Node {
    NlsOp op = NlsOp::number;
    long double number = 0;
    std::size_t index = 0;
    std::size_t position = 0;  // byte offset in the formula, for messages
    std::unique_ptr<Node> left, right;
};

using NodePtr = std::unique_ptr<Node>;

bool is_binary(NlsOp op) {
    return op == NlsOp::add || op == NlsOp::subtract || op == NlsOp::multiply ||
           op == NlsOp::divide || op == NlsOp::power;
}

long double fold(NlsOp op, long double a, long double b) {
    NlsInstruction in{op, 0, 0};
    NlsProgram program;
    program.code = {{NlsOp::number, a, 0}};
    if (is_binary(op)) program.code.push_back({NlsOp::number, b, 0});
    program.code.push_back(in);
    program.max_stack = 2;
    long double stack[2];
    return program.evaluate<long double>(nullptr, {}, 0, stack);
}

class Parser {
public:
    Parser(TokenStream& tokens, const std::vector<std::string>& parameters,
           const std::vector<std::string>& frame_columns, std::vector<std::string>& columns)
        : tokens_(tokens), parameters_(parameters), frame_columns_(frame_columns),
          columns_(columns) {}

    NodePtr expression() {
        TokenStream::Nesting nesting(tokens_);
        NodePtr left = term();
        while (tokens_.at(TokenKind::plus) || tokens_.at(TokenKind::minus)) {
            const Token& op = tokens_.next();
            left = binary(op.kind == TokenKind::plus ? NlsOp::add : NlsOp::subtract, op.position,
                          std::move(left), term());
        }
        return left;
    }

private:
    NodePtr term() {
        NodePtr left = unary();
        while (tokens_.at(TokenKind::star) || tokens_.at(TokenKind::slash)) {
            if (tokens_.at(TokenKind::star) && tokens_.peek(1).kind == TokenKind::star) break;
            const Token& op = tokens_.next();
            left = binary(op.kind == TokenKind::star ? NlsOp::multiply : NlsOp::divide, op.position,
                          std::move(left), unary());
        }
        return left;
    }

    NodePtr unary() {
        TokenStream::Nesting nesting(tokens_);
        if (tokens_.at(TokenKind::minus)) {
            const std::size_t position = tokens_.next().position;
            auto node = std::make_unique<Node>();
            node->op = NlsOp::negate;
            node->position = position;
            node->left = unary();
            return simplify(std::move(node));
        }
        if (tokens_.accept(TokenKind::plus)) return unary();
        return power();
    }

    // '^' or Fortran's '**' (the spelling of the NIST model texts).
    bool accept_power() {
        if (tokens_.accept(TokenKind::caret)) return true;
        if (tokens_.at(TokenKind::star) && tokens_.peek(1).kind == TokenKind::star) {
            tokens_.next();
            tokens_.next();
            return true;
        }
        return false;
    }

    NodePtr power() {
        NodePtr base = primary();
        const std::size_t position = tokens_.peek().position;
        if (!accept_power()) return base;
        return binary(NlsOp::power, position, std::move(base), unary());
    }

    NodePtr primary() {
        TokenStream::Nesting nesting(tokens_);
        const Token& token = tokens_.peek();
        if (token.kind == TokenKind::number) {
            tokens_.next();
            return leaf(NlsOp::number, exact_number(token), 0, token.position);
        }
        if (token.kind == TokenKind::left_paren) {
            tokens_.next();
            NodePtr inner = expression();
            tokens_.expect(TokenKind::right_paren, "')'");
            return inner;
        }
        if (token.kind != TokenKind::identifier) throw tokens_.unexpected(token);
        tokens_.next();
        if (tokens_.at(TokenKind::left_paren)) return call(token);
        return name(token);
    }

    NodePtr call(const Token& name) {
        const auto it = functions().find(name.text);
        if (it == functions().end()) {
            const auto known = nls_function_names();
            std::string list;
            for (const auto& function : known) list += (list.empty() ? "" : ", ") + function;
            throw tokens_.error(name, "unknown function '" + name.text + "'" + data::did_you_mean(name.text, known) +
                                          " (functions: " + list + ")");
        }
        tokens_.expect(TokenKind::left_paren, "'('");
        auto node = std::make_unique<Node>();
        node->op = it->second;
        node->position = name.position;
        node->left = expression();
        tokens_.expect(TokenKind::right_paren, "')' closing " + name.text + "(");
        return simplify(std::move(node));
    }

    NodePtr name(const Token& token) {
        const auto& p = parameters_;
        if (auto it = std::find(p.begin(), p.end(), token.text); it != p.end())
            return leaf(NlsOp::parameter, 0, static_cast<std::size_t>(it - p.begin()), token.position);
        const auto& f = frame_columns_;
        if (std::find(f.begin(), f.end(), token.text) != f.end()) {
            auto it = std::find(columns_.begin(), columns_.end(), token.text);
            if (it == columns_.end()) it = columns_.insert(columns_.end(), token.text);
            return leaf(NlsOp::column, 0, static_cast<std::size_t>(it - columns_.begin()),
                        token.position);
        }
        if (token.text == "pi")
            return leaf(NlsOp::number, std::numbers::pi_v<long double>, 0, token.position);
        std::vector<std::string> known = parameters_;
        known.insert(known.end(), frame_columns_.begin(), frame_columns_.end());
        throw tokens_.error(token, "'" + token.text +
                                       "' is neither a parameter (given with --start) nor a data "
                                       "column" + data::did_you_mean(token.text, known));
    }

    // The token's text read again as long double (the lexer keeps a double).
    static long double exact_number(const Token& token) {
        long double value = 0;
        std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
        return value;
    }

    static NodePtr leaf(NlsOp op, long double number, std::size_t index, std::size_t position) {
        auto node = std::make_unique<Node>();
        node->op = op;
        node->number = number;
        node->index = index;
        node->position = position;
        return node;
    }

    static NodePtr binary(NlsOp op, std::size_t position, NodePtr left, NodePtr right) {
        auto node = std::make_unique<Node>();
        node->op = op;
        node->position = position;
        node->left = std::move(left);
        node->right = std::move(right);
        return simplify(std::move(node));
    }

    // Constant folding; a power with a constant exponent becomes power_number.
    static NodePtr simplify(NodePtr node) {
        const bool left_number = node->left && node->left->op == NlsOp::number;
        const bool right_number = !node->right || node->right->op == NlsOp::number;
        if (left_number && right_number) {
            const long double value = fold(node->op, node->left->number,
                                           node->right ? node->right->number : 0.0L);
            return leaf(NlsOp::number, value, 0, node->position);
        }
        if (node->op == NlsOp::power && node->right->op == NlsOp::number) {
            node->op = NlsOp::power_number;
            node->number = node->right->number;
            node->right.reset();
        }
        return node;
    }

    TokenStream& tokens_;
    const std::vector<std::string>& parameters_;
    const std::vector<std::string>& frame_columns_;
    std::vector<std::string>& columns_;
};

void emit(const Node& node, NlsProgram& program, std::size_t depth) {
    if (node.left) emit(*node.left, program, depth);
    if (node.right) emit(*node.right, program, depth + 1);
    program.code.push_back({node.op, node.number, node.index});
    program.max_stack = std::max(program.max_stack, depth + 1);
}

const Node* find_parameter(const Node& node) {
    if (node.op == NlsOp::parameter) return &node;
    if (node.left)
        if (const Node* found = find_parameter(*node.left)) return found;
    if (node.right) return find_parameter(*node.right);
    return nullptr;
}

void mark_parameters(const Node& node, std::vector<bool>& used) {
    if (node.op == NlsOp::parameter) used[node.index] = true;
    if (node.left) mark_parameters(*node.left, used);
    if (node.right) mark_parameters(*node.right, used);
}

std::string without_spaces(std::string_view text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\t') out += c;
    return out;
}

}  // namespace

bool NlsProgram::uses_parameters() const {
    return std::any_of(code.begin(), code.end(),
                       [](const NlsInstruction& in) { return in.op == NlsOp::parameter; });
}

NlsFormula parse_nls_formula(std::string_view text, const std::vector<std::string>& parameters,
                             const std::vector<std::string>& frame_columns) {
    const Source source{text, "nls formula"};
    if (parameters.empty())
        throw Error("nls: no parameters: give their names and starting values with --start "
                    "(e.g. --start b1=500,b2=1e-4)");
    TokenStream tokens(source);
    NlsFormula formula;
    formula.text = std::string(text);
    formula.parameters = parameters;
    Parser parser(tokens, parameters, frame_columns, formula.columns);

    const std::size_t response_start = tokens.peek().position;
    NodePtr response = parser.expression();
    const Token& tilde = tokens.peek();
    if (tilde.kind != TokenKind::tilde)
        throw tokens.error(tilde, "expected '~' between the response and the model");
    formula.response_name = without_spaces(text.substr(response_start, tilde.position - response_start));
    tokens.next();
    NodePtr model = parser.expression();
    if (!tokens.at(TokenKind::end)) throw tokens.unexpected(tokens.peek());

    if (const Node* parameter = find_parameter(*response))
        throw source.error(parameter->position,
                           "the response may not depend on a parameter ('" +
                               parameters[parameter->index] + "')");
    std::vector<bool> used(parameters.size(), false);
    mark_parameters(*model, used);
    for (std::size_t j = 0; j < parameters.size(); ++j)
        if (!used[j])
            throw source.error(tilde.position + 1, "parameter '" + parameters[j] +
                                                       "' (given with --start) does not appear "
                                                       "in the model");
    emit(*response, formula.response, 0);
    emit(*model, formula.model, 0);
    return formula;
}

std::vector<StartValue> parse_start_values(std::string_view text) {
    std::vector<StartValue> values;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find(',', begin);
        if (end == std::string_view::npos) end = text.size();
        const std::string entry = without_spaces(text.substr(begin, end - begin));
        const std::size_t equal = entry.find('=');
        if (equal == std::string::npos || equal == 0)
            throw Error("--start: '" + entry + "' is not of the form name=value (e.g. b1=500)");
        StartValue value{entry.substr(0, equal), 0};
        const std::string number = entry.substr(equal + 1);
        const auto [ptr, status] =
            std::from_chars(number.data(), number.data() + number.size(), value.value);
        if (status != std::errc() || ptr != number.data() + number.size() || !std::isfinite(value.value))
            throw Error("--start: '" + number + "' (the value of " + value.name + ") is not a number");
        for (const StartValue& seen : values)
            if (seen.name == value.name)
                throw Error("--start: parameter '" + value.name + "' is given twice");
        values.push_back(std::move(value));
        begin = end + 1;
    }
    return values;
}

std::vector<std::string> nls_function_names() {
    std::vector<std::string> names;
    for (const auto& entry : functions()) names.push_back(entry.first);
    return names;
}

}  // namespace gvcpanel::models
