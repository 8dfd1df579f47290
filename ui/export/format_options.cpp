#include "ui/export/format_options.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace strata::ui {

namespace {

QString label(const transfer::FormatOption &o)
{
    return QCoreApplication::translate("FormatOption", o.label.c_str());
}

//! "" for the default, a character as the option takes it ("tab" for a tab).
std::string characterOf(const QString &text)
{
    if (text == QStringLiteral("\t")
        || text.compare(QStringLiteral("tab"), Qt::CaseInsensitive) == 0)
        return "tab";
    return text.toStdString();
}

} // namespace

FormatOptionsPanel::FormatOptionsPanel(const transfer::FormatInfo &format, QWidget *parent)
    : QWidget(parent)
    , m_id(format.id)
{
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    const QString byPreset = tr("as the preset");
    for (const auto &o : format.options) {
        Control c{o, {}, {}};
        QWidget *widget = nullptr;
        const QString fallback = QString::fromStdString(o.defaultValue);
        switch (o.kind) {
        case transfer::FormatOption::Kind::Choice: {
            auto *box = new QComboBox(this);
            if (o.defaultValue.empty())
                box->addItem(byPreset, QString());
            for (const auto &choice : o.choices)
                box->addItem(QString::fromStdString(choice), QString::fromStdString(choice));
            c.get = [box, o] {
                const std::string v = box->currentData().toString().toStdString();
                return v == o.defaultValue ? std::string() : v;
            };
            c.set = [box, fallback](const std::string &v) {
                const int i = box->findData(v.empty() ? fallback : QString::fromStdString(v));
                box->setCurrentIndex(std::max(0, i));
            };
            connect(box, &QComboBox::currentIndexChanged, this, &FormatOptionsPanel::changed);
            widget = box;
            break;
        }
        case transfer::FormatOption::Kind::Boolean: {
            if (o.defaultValue.empty()) { // the preset decides unless told
                auto *box = new QComboBox(this);
                box->addItem(byPreset, QString());
                box->addItem(tr("yes"), QStringLiteral("true"));
                box->addItem(tr("no"), QStringLiteral("false"));
                c.get = [box] { return box->currentData().toString().toStdString(); };
                c.set = [box](const std::string &v) {
                    box->setCurrentIndex(std::max(0, box->findData(QString::fromStdString(v))));
                };
                connect(box, &QComboBox::currentIndexChanged, this, &FormatOptionsPanel::changed);
                widget = box;
            } else {
                auto *box = new QCheckBox(label(o), this);
                const bool on = o.defaultValue == "true";
                c.get = [box, on] {
                    return box->isChecked() == on
                               ? std::string()
                               : std::string(box->isChecked() ? "true" : "false");
                };
                c.set = [box, on](const std::string &v) {
                    box->setChecked(v.empty() ? on : v == "true");
                };
                connect(box, &QCheckBox::toggled, this, &FormatOptionsPanel::changed);
                widget = box;
            }
            break;
        }
        case transfer::FormatOption::Kind::Character:
        case transfer::FormatOption::Kind::Text: {
            auto *edit = new QLineEdit(this);
            const bool character = o.kind == transfer::FormatOption::Kind::Character;
            if (character)
                edit->setMaxLength(3); // one character, or "tab"
            edit->setPlaceholderText(o.defaultValue.empty() ? (character ? byPreset : QString())
                                                            : fallback);
            c.get = [edit, o, character] {
                const std::string v
                    = character ? characterOf(edit->text()) : edit->text().trimmed().toStdString();
                return v == o.defaultValue ? std::string() : v;
            };
            c.set = [edit](const std::string &v) {
                edit->setText(v == "\t" ? QStringLiteral("tab") : QString::fromStdString(v));
            };
            connect(edit, &QLineEdit::textChanged, this, &FormatOptionsPanel::changed);
            widget = edit;
            break;
        }
        case transfer::FormatOption::Kind::Count: {
            auto *spin = new QSpinBox(this);
            spin->setRange(1, 1000000000);
            const int standard = o.defaultValue.empty() ? 1 : std::stoi(o.defaultValue);
            c.get = [spin, standard] {
                return spin->value() == standard ? std::string() : std::to_string(spin->value());
            };
            c.set = [spin, standard](const std::string &v) {
                spin->setValue(v.empty() ? standard : std::stoi(v));
            };
            connect(spin, &QSpinBox::valueChanged, this, &FormatOptionsPanel::changed);
            widget = spin;
            break;
        }
        }
        widget->setToolTip(QString::fromStdString(o.help));
        widget->setAccessibleName(
            QString::fromStdString(format.label.empty() ? format.id : format.label)
            + QStringLiteral(" ") + label(o));
        widget->setObjectName(QString::fromStdString(format.id + "." + o.name));
        if (qobject_cast<QCheckBox *>(widget))
            form->addRow(widget);
        else
            form->addRow(label(o) + QStringLiteral(":"), widget);
        c.set({});
        m_controls.push_back(std::move(c));
    }
    if (format.options.empty())
        form->addRow(new QLabel(tr("This format has no options."), this));
}

std::map<std::string, std::string> FormatOptionsPanel::options() const
{
    std::map<std::string, std::string> out;
    for (const auto &c : m_controls)
        if (std::string v = c.get(); !v.empty())
            out[c.option.name] = std::move(v);
    return out;
}

void FormatOptionsPanel::setOptions(const std::map<std::string, std::string> &options)
{
    for (const auto &c : m_controls) {
        auto it = options.find(c.option.name);
        c.set(it == options.end() ? std::string() : it->second);
    }
}

bool FormatOptionsPanel::setOption(const std::string &name, const std::string &value)
{
    for (const auto &c : m_controls) {
        if (c.option.name == name) {
            c.set(value);
            return true;
        }
    }
    return false;
}

} // namespace strata::ui
