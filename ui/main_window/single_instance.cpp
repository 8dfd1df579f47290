#include "ui/main_window/single_instance.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>

namespace strata::ui {

SingleInstance::SingleInstance(QString socketPath, QObject *parent)
    : QObject(parent)
    , m_socketPath(std::move(socketPath))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultSocketPath()
{
    // The runtime folder is the user's own (XDG_RUNTIME_DIR, else a private folder in /tmp).
    QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (folder.isEmpty())
        folder = QDir::tempPath();
    return QDir(folder).filePath(QStringLiteral("strata.socket"));
}

QByteArray SingleInstance::encode(const OpenRequest &request)
{
    QJsonObject object;
    object.insert(QStringLiteral("database"), request.database);
    object.insert(QStringLiteral("files"), QJsonArray::fromStringList(request.files));
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<OpenRequest> SingleInstance::decode(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line.trimmed(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    if (!object.value(QStringLiteral("database")).isString()
        || !object.value(QStringLiteral("files")).isArray())
        return std::nullopt;
    OpenRequest request;
    request.database = object.value(QStringLiteral("database")).toString();
    for (const QJsonValue &file : object.value(QStringLiteral("files")).toArray()) {
        if (!file.isString())
            return std::nullopt;
        request.files << file.toString();
    }
    return request;
}

SingleInstance::Role SingleInstance::claim(const OpenRequest &request)
{
    QDir().mkpath(QFileInfo(m_socketPath).absolutePath());
    // Held from the connect attempt until listening: a second start waits here, then finds
    // the first listening.
    QLockFile lock(m_socketPath + QStringLiteral(".lock"));
    if (!lock.tryLock(kAnswerMs)) {
        m_error = tr("%1 stayed locked").arg(lock.fileName());
        return Role::Alone;
    }
    if (handOver(request))
        return Role::HandedOver;
    return listen() ? Role::Primary : Role::Alone;
}

bool SingleInstance::handOver(const OpenRequest &request)
{
    QLocalSocket socket;
    socket.connectToServer(m_socketPath);
    if (!socket.waitForConnected(kAnswerMs))
        return false; // nobody listens (or a socket left by a crash): this start is the window
    socket.write(encode(request));
    if (!socket.waitForBytesWritten(kAnswerMs))
        return false;
    // The window answers once it has the request, so that this process quits only then.
    while (!socket.canReadLine())
        if (!socket.waitForReadyRead(kAnswerMs))
            return false;
    return socket.readLine().trimmed() == "ok";
}

bool SingleInstance::listen()
{
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    QLocalServer::removeServer(m_socketPath); // what a crashed window left (nobody answered)
    if (!m_server->listen(m_socketPath)) {
        m_error = tr("cannot listen on %1: %2").arg(m_socketPath, m_server->errorString());
        m_server.reset();
        return false;
    }
    connect(m_server.get(), &QLocalServer::newConnection, this, &SingleInstance::serve);
    return true;
}

void SingleInstance::serve()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > (1 << 20))
                    socket->abort(); // not one of ours: a request is a short line
                return;
            }
            const auto request = decode(socket->readLine());
            socket->write(request ? "ok\n" : "error: not a Strata request\n");
            socket->flush();
            socket->disconnectFromServer();
            if (request)
                emit requested(*request);
        });
    }
}

} // namespace strata::ui
