<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>strata::ui::TableListModel</name>
    <message>
        <source> (primary key)</source>
        <translation> (Primärschlüssel)</translation>
    </message>
    <message>
        <source> (sensitive)</source>
        <translation> (vertraulich)</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
</context>
<context>
    <name>strata::ui::MainWindow</name>
    <message>
        <source>Strata — %1</source>
        <translation>Strata — %1</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>%1 · last commit %2%3</source>
        <translation>%1 · letzter Commit %2%3</translation>
    </message>
    <message>
        <source> · read-only</source>
        <translation> · schreibgeschützt</translation>
    </message>
    <message>
        <source>Cannot list tables: %1</source>
        <translation>Tabellen können nicht aufgelistet werden: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Get data out of a database and back in.</source>
        <translation>Daten aus einer Datenbank holen und wieder hinein.</translation>
    </message>
    <message>
        <source>Database folder to open (default: the demo database).</source>
        <translation>Zu öffnender Datenbankordner (Vorgabe: die Demo-Datenbank).</translation>
    </message>
    <message>
        <source>Cannot open %1:
%2</source>
        <translation>%1 kann nicht geöffnet werden:
%2</translation>
    </message>
</context>
</TS>
