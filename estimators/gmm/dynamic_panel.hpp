// The equations of dynamic-panel GMM, one entity at a time: the transformed equation (first
// differences, or forward orthogonal deviations stored one period late as xtabond2 does, so that lag
// ranges mean the same under both) and, for system GMM (Blundell and Bond 1998), the levels
// equation; GMM-style instruments (Holtz-Eakin, Newey and Rosen 1988), block-diagonal by period or
// collapsed (Roodman 2009), and IV-style ones. A block is built on demand for one entity, so memory
// stays linear in the number of entities: the panel never becomes one dense N x L matrix.
#pragma once

#include <armadillo>
#include <cstdint>
#include <string>
#include <vector>

#include "data/panel_index.hpp"
#include "models/design.hpp"

namespace gvcpanel::estimators {

// `--gmm "VAR:LO-HI"`: the levels of VAR lagged LO to HI periods instrument the transformed
// equation; in system GMM the difference lagged LO-1 instruments the levels equation.
struct GmmStyleInstrument {
    static constexpr int kAllLags = 1 << 20;
    std::string variable;  // the expression as written, spaces removed ("log(emp)")
    int first_lag = 2;
    int last_lag = kAllLags;  // "VAR:2-." or "VAR:2-99": every available lag
};

// "VAR", "VAR:LO", "VAR:LO-HI", "VAR:LO-." (xtabond2's laglimits); a malformed text is an Error
// that quotes it.
GmmStyleInstrument parse_gmm_instrument(const std::string& text);

enum class Transform { first_differences, orthogonal_deviations };
Transform parse_transform(const std::string& name);  // "fd" | "fod"

struct DynamicPanelOptions {
    std::vector<GmmStyleInstrument> gmm;  // at least one
    std::vector<std::string> iv;          // IV-style instruments: regressor names, or variables whose
                                          //   lags are regressors; empty: every regressor that is
                                          //   not GMM-style (plm's pgmm)
    Transform transform = Transform::first_differences;
    bool system = false;                  // add the levels equation (sys-gmm)
    bool collapse = false;                // one instrument per lag instead of per lag and period

    void validate() const;
};

// One entity's equations: the transformed rows first, then (system GMM) the level rows.
struct EquationBlock {
    arma::vec y;                          // rows
    arma::mat X;                          // rows x k
    arma::mat Z;                          // rows x L (the kept instrument columns)
    arma::mat H;                          // rows x rows: the one-step weight structure (on request)
    std::vector<std::int32_t> period;     // per row (transformed rows under fod: one period late)
    std::vector<char> is_level;           // per row: 1 for the levels equation
    std::vector<std::size_t> frame_row;   // per row: the frame row of the observation at `period`
    std::size_t n_transformed = 0;
    std::size_t rows() const { return y.n_elem; }
};

// A named group of instrument columns, for the difference-in-Hansen tests.
struct InstrumentGroup {
    std::string name;                     // "gmm(log(emp))", "iv", "levels"
    arma::uvec columns;                   // positions among the kept columns
};

class DynamicPanel {
public:
    // `design` holds the level observations (its sample carries entity and period codes) and must
    // outlive this object;
    // `gmm_levels[j]` the value of options.gmm[j].variable on every frame row (NaN when missing),
    // so that instruments may come from rows outside the estimation sample.
    DynamicPanel(const models::Design& design, const data::PanelIndex& panel,
                 const std::vector<std::vector<double>>& gmm_levels, const DynamicPanelOptions& options);

    std::size_t n_entities() const { return entities_.size(); }
    std::size_t k() const { return regressors_.n_elem; }
    std::size_t n_instruments() const { return kept_.n_elem; }
    const std::vector<std::string>& names() const { return names_; }
    const std::vector<InstrumentGroup>& groups() const { return groups_; }
    bool system() const { return options_.system; }
    std::int32_t entity_code(std::size_t i) const { return entities_[i].code; }

    // Fills `block` with entity i's equations (i < n_entities()); H only `with_weights`.
    void build(std::size_t i, EquationBlock& block, bool with_weights = false) const;
    // Entity i's first-differenced equations whatever the transform (the Arellano-Bond AR tests).
    void differences(std::size_t i, arma::vec& y, arma::mat& X, std::vector<std::int32_t>& period) const;

private:
    struct Entity {
        std::int32_t code = 0;            // the panel's entity code
        std::int32_t first_period = 0;    // the entity's span in the panel, first to last period
        std::size_t grid = 0;             // offset of its span in the grids
        std::size_t length = 0;
    };
    struct Row {                          // one equation row before the instruments
        std::int32_t period = 0;          // as stored (fod: one late)
        bool level = false;
        std::size_t frame_row = 0;
    };

    void build_grids(const data::PanelIndex& panel, const std::vector<std::vector<double>>& gmm_levels);
    void choose_regressors_and_iv(const std::string& time_name);
    void lay_out_instruments();
    void keep_nonzero_instruments();
    int last_lag(std::size_t j, std::int32_t period) const;
    void equation_rows(const Entity& entity, Transform transform, bool levels, std::vector<Row>& rows,
                       arma::vec& y, arma::mat& X) const;
    void fill_instruments(const Entity& entity, const std::vector<Row>& rows, const arma::mat& X,
                          arma::mat& Z) const;
    double gmm_value(const Entity& entity, std::size_t j, std::int32_t period) const;

    const models::Design& design_;
    DynamicPanelOptions options_;
    std::vector<Entity> entities_;
    std::vector<std::int64_t> design_row_;  // per grid cell: the design row, or -1
    arma::mat gmm_grid_;                    // grid cells x gmm variables (NaN when missing)
    arma::uvec regressors_;                 // design columns kept (diff GMM drops the intercept)
    std::vector<std::string> names_;
    std::vector<std::size_t> iv_transformed_;  // positions in regressors_: IV-style instruments of
    std::vector<std::size_t> iv_levels_;       //   the transformed and of the levels equation
    std::int32_t first_period_ = 0, last_period_ = 0;  // over every entity's span
    // Column layout before zero columns are dropped.
    std::size_t n_columns_ = 0;
    std::vector<std::vector<std::size_t>> gmm_start_;  // per gmm variable and period (from
                                                       //   first_period_): its first column
    std::vector<std::size_t> level_offset_; // per gmm variable: first levels-equation column
    std::size_t iv_offset_ = 0, iv_level_offset_ = 0;
    arma::uvec kept_;
    std::vector<std::int64_t> kept_position_;  // per full column: its kept position, or -1
    std::vector<InstrumentGroup> groups_;
    std::vector<std::int64_t> full_group_;     // per full column: its group index
};

}  // namespace gvcpanel::estimators
