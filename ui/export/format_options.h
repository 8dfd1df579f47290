#pragma once

#include "engine/transfer/format.h"

#include <QWidget>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace strata::ui {

//! The controls for one format's options, made from its schema (FormatInfo::options): a
//! combo box for a choice, a check box for a yes/no (a three-way box when a preset decides),
//! a field for a character or a text, a spin box for a count. Nothing here knows a format.
class FormatOptionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit FormatOptionsPanel(const transfer::FormatInfo &format, QWidget *parent = nullptr);

    const std::string &formatId() const { return m_id; }
    //! The options set to something other than the format's default.
    std::map<std::string, std::string> options() const;
    //! Shows these options; every other one goes back to its default.
    void setOptions(const std::map<std::string, std::string> &options);
    //! Sets one option ("" for its default); false when the format has no such option.
    bool setOption(const std::string &name, const std::string &value);

signals:
    void changed();

private:
    struct Control {
        transfer::FormatOption option;
        std::function<std::string()> get; //!< "" when at the default
        std::function<void(const std::string &)> set;
    };
    std::string m_id;
    std::vector<Control> m_controls;
};

} // namespace strata::ui
