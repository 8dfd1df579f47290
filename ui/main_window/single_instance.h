#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace strata::ui {

//! What a start of Strata asks the window for: a database folder to open ("" keeps the one
//! open) and files to import into it. Paths are absolute (the running window has another
//! working folder).
struct OpenRequest {
    QString database;
    QStringList files;
};

//! One Strata window per user. The first start listens on a local socket in the user's
//! runtime folder; a later start (what a file manager runs for "Open with Strata") hands its
//! request to that window and quits, instead of starting a second, read-only instance whose
//! imports would fail against the first.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    //! `socketPath`: where the running window listens (tests give their own).
    explicit SingleInstance(QString socketPath = defaultSocketPath(), QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultSocketPath();

    enum class Role {
        Primary,    //!< this process listens: it shows the window
        HandedOver, //!< a running window took the request: this process quits
        Alone       //!< neither worked (said in error()): this process shows its own window
    };
    //! Hands `request` to the running window, or becomes the window others hand over to. Two
    //! starts at once settle it under a lock file, so exactly one of them listens.
    Role claim(const OpenRequest &request);
    QString error() const { return m_error; }
    QString socketPath() const { return m_socketPath; }

    //! The wire form: one line of JSON.
    static QByteArray encode(const OpenRequest &request);
    static std::optional<OpenRequest> decode(const QByteArray &line);

    //! How long a start waits for the running window to answer before showing its own.
    static constexpr int kAnswerMs = 5000;

signals:
    //! Another start asked the window for this (on the GUI thread).
    void requested(const strata::ui::OpenRequest &request);

private:
    bool handOver(const OpenRequest &request);
    bool listen();
    void serve();

    QString m_socketPath;
    QString m_error;
    std::unique_ptr<QLocalServer> m_server;
};

} // namespace strata::ui
