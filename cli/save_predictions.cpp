#include "cli/save_predictions.hpp"

#include <algorithm>
#include <limits>

#include "cli/fit_likelihood.hpp"
#include "data/csv_writer.hpp"
#include "estimators/predict.hpp"

namespace gvcpanel::cli {

namespace {

estimators::PredictionModel prediction_model(const std::string& estimator, const ModelRequest& request) {
    estimators::PredictionModel model;
    const auto families = models::family_names();
    if (std::find(families.begin(), families.end(), estimator) == families.end()) return model;
    model.family = models::family_from_name(estimator);
    if (*model.family == models::Family::tobit) {
        const auto options = mle_options(request, *model.family);
        // Neither limit given: left-censored at 0, as the fit (estimators/likelihood/mle).
        model.left = options.left.value_or(options.right ? -INFINITY : 0.0);
        model.right = options.right.value_or(INFINITY);
    }
    return model;
}

// The values of one prediction on every frame row; NaN (an empty cell) outside the sample.
data::Column spread_over_rows(const std::string& name, const arma::vec& values,
                              const std::vector<std::size_t>& rows, std::size_t frame_rows) {
    std::vector<double> out(frame_rows, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < rows.size(); ++i) out[rows[i]] = values[i];
    return data::Column::numeric(name, std::move(out));
}

}  // namespace

void save_predictions(const models::Design& design, const estimators::Estimate& estimate,
                      const ModelRequest& request, const data::Frame& frame) {
    const auto predictions = estimators::predict(design, estimate, prediction_model(estimate.estimator, request));
    const std::size_t n = frame.rows();
    data::Frame out;
    std::vector<std::int64_t> row_numbers(n), in_sample(n, 0);
    for (std::size_t row = 0; row < n; ++row) row_numbers[row] = static_cast<std::int64_t>(row) + 1;
    for (const auto row : predictions.rows) in_sample[row] = 1;
    out.add(data::Column::integer("row", std::move(row_numbers)));
    const auto comma = request.panel.find(',');
    for (const auto& name : {request.panel.substr(0, comma),
                             comma == std::string::npos ? std::string() : request.panel.substr(comma + 1)})
        if (!name.empty()) {
            data::Column column = frame.column(name);
            column.label.clear();
            out.add(std::move(column));
        }
    out.add(data::Column::integer("in_sample", std::move(in_sample)));
    out.add(spread_over_rows("fitted", predictions.fitted, predictions.rows, n));
    out.add(spread_over_rows("residual", predictions.residual, predictions.rows, n));
    if (!predictions.fixed_effects.is_empty())
        out.add(spread_over_rows("fe_sum", predictions.fixed_effects, predictions.rows, n));
    if (!predictions.linear_index.is_empty())
        out.add(spread_over_rows("linear_index", predictions.linear_index, predictions.rows, n));
    data::write_csv(out, request.save_predictions);
}

}  // namespace gvcpanel::cli
