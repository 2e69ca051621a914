// The expression language of nonlinear least squares: "log(y) ~ b1 * (1 - exp(-b2 * x))" parsed
// into two small postfix programs (response and model) over parameters (the names given with
// --start), data columns, numbers and the constant pi. A program is evaluated for any number type
// T (double, long double, or the estimators' automatic-differentiation type), so the model is
// written once. Numbers are kept as long double: the long double evaluation sees them as written.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace gvcpanel::models {

enum class NlsOp : std::uint8_t {
    number, parameter, column,
    add, subtract, multiply, divide, power, power_number, negate,
    exp, log, sqrt, abs, sin, cos, tan, atan,
};

struct NlsInstruction {
    NlsOp op = NlsOp::number;
    long double number = 0;  // number: the value; power_number: the exponent
    std::size_t index = 0;   // parameter or column index
};

// A postfix program: operands are pushed, operators pop their arguments and push the result.
struct NlsProgram {
    std::vector<NlsInstruction> code;
    std::size_t max_stack = 0;  // the evaluation stack the caller provides holds this many values

    bool uses_parameters() const;

    // The value for one observation: `columns[j][row]` is data column j (double or long double),
    // `stack` has max_stack slots.
    template <typename T, typename Value = double>
    T evaluate(const T* parameters, const std::vector<const Value*>& columns, std::size_t row,
               T* stack) const;
};

struct NlsFormula {
    std::string text;                      // as the user wrote it
    std::string response_name;             // the left side, spaces removed: "y", "log(y)"
    NlsProgram response;                   // the left side: data only
    NlsProgram model;                      // the right side
    std::vector<std::string> parameters;   // in the order of the start values
    std::vector<std::string> columns;      // the data columns the programs read, by index
};

// Parses "response ~ model". Names resolve to a parameter (one of `parameters`), else a column of
// `frame_columns`, else the constant pi. Unknown names, unknown functions, a parameter on the left
// side or a parameter the model does not use are Errors with a caret under the position.
NlsFormula parse_nls_formula(std::string_view text, const std::vector<std::string>& parameters,
                             const std::vector<std::string>& frame_columns);

// The functions an NLS formula may call, for help texts and errors.
std::vector<std::string> nls_function_names();

struct StartValue {
    std::string name;
    double value = 0;
};

// "b1=500,b2=1e-4" (the --start option); a malformed entry is an Error naming it.
std::vector<StartValue> parse_start_values(std::string_view text);

template <typename T, typename Value>
T NlsProgram::evaluate(const T* parameters, const std::vector<const Value*>& columns,
                       std::size_t row, T* stack) const {
    // Numbers enter in long double only when T is long double; the other types take doubles.
    using Number = std::conditional_t<std::is_same_v<T, long double>, long double, double>;
    using std::abs, std::atan, std::cos, std::exp, std::log, std::pow, std::sin, std::sqrt,
        std::tan;
    std::size_t top = 0;  // number of values on the stack
    for (const NlsInstruction& in : code) {
        switch (in.op) {
            case NlsOp::number: stack[top++] = T(static_cast<Number>(in.number)); break;
            case NlsOp::parameter: stack[top++] = parameters[in.index]; break;
            case NlsOp::column: stack[top++] = T(columns[in.index][row]); break;
            case NlsOp::add: --top; stack[top - 1] = stack[top - 1] + stack[top]; break;
            case NlsOp::subtract: --top; stack[top - 1] = stack[top - 1] - stack[top]; break;
            case NlsOp::multiply: --top; stack[top - 1] = stack[top - 1] * stack[top]; break;
            case NlsOp::divide: --top; stack[top - 1] = stack[top - 1] / stack[top]; break;
            case NlsOp::power: --top; stack[top - 1] = pow(stack[top - 1], stack[top]); break;
            case NlsOp::power_number: {
                // Small integer exponents by repeated products: exact, and defined for a negative
                // base (x^3 with x < 0), where pow's derivative through log(x) is not.
                T& x = stack[top - 1];
                const auto e = static_cast<Number>(in.number);
                if (e == std::floor(e) && std::fabs(e) <= 64) {
                    const int n = static_cast<int>(std::fabs(e));
                    T product = T(1.0);
                    for (int i = 0; i < n; ++i) product = product * x;
                    x = e < 0 ? T(1.0) / product : product;
                } else {
                    x = pow(x, e);
                }
                break;
            }
            case NlsOp::negate: stack[top - 1] = -stack[top - 1]; break;
            case NlsOp::exp: stack[top - 1] = exp(stack[top - 1]); break;
            case NlsOp::log: stack[top - 1] = log(stack[top - 1]); break;
            case NlsOp::sqrt: stack[top - 1] = sqrt(stack[top - 1]); break;
            case NlsOp::abs: stack[top - 1] = abs(stack[top - 1]); break;
            case NlsOp::sin: stack[top - 1] = sin(stack[top - 1]); break;
            case NlsOp::cos: stack[top - 1] = cos(stack[top - 1]); break;
            case NlsOp::tan: stack[top - 1] = tan(stack[top - 1]); break;
            case NlsOp::atan: stack[top - 1] = atan(stack[top - 1]); break;
        }
    }
    return stack[0];
}

}  // namespace gvcpanel::models
