<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../ui/jobs/job_list.cpp" line="75"/>
        <source>%n file(s), %1 rows</source>
        <translation>
            <numerusform>%n Datei, %1 Zeilen</numerusform>
            <numerusform>%n Dateien, %1 Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="101"/>
        <source>%1 rows imported, %2 rejected</source>
        <translation>%1 Zeilen importiert, %2 abgewiesen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="104"/>
        <source>%1 rows imported</source>
        <translation>%1 Zeilen importiert</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="35"/>
        <source>Get data out of a database and back in.</source>
        <translation>Daten aus einer Datenbank holen und wieder hinein.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="40"/>
        <source>Database folder to open (default: the demo database).</source>
        <translation>Zu öffnender Datenbankordner (Vorgabe: die Demo-Datenbank).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="59"/>
        <source>Cannot open %1:
%2</source>
        <translation>%1 kann nicht geöffnet werden:
%2</translation>
    </message>
</context>
<context>
    <name>strata::ui::ImportDialog</name>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="27"/>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/import/import_dialog.cpp" line="28"/>
        <source>Import %n file(s)</source>
        <translation>
            <numerusform>%n Datei importieren</numerusform>
            <numerusform>%n Dateien importieren</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="31"/>
        <source>Preview of the first rows</source>
        <translation>Vorschau der ersten Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="34"/>
        <source>Target table</source>
        <translation>Zieltabelle</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="35"/>
        <source>Import mode</source>
        <translation>Importmodus</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="36"/>
        <source>Create a new table</source>
        <translation>Neue Tabelle anlegen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="37"/>
        <source>Append to the table</source>
        <translation>An die Tabelle anhängen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="38"/>
        <source>Replace the table&apos;s rows</source>
        <translation>Zeilen der Tabelle ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="39"/>
        <source>Merge by primary key</source>
        <translation>Über den Primärschlüssel zusammenführen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="40"/>
        <source>When a row cannot be imported</source>
        <translation>Wenn eine Zeile nicht importiert werden kann</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="41"/>
        <source>Stop and import nothing</source>
        <translation>Abbrechen und nichts importieren</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="42"/>
        <source>Skip it (rejects file)</source>
        <translation>Überspringen (Datei der abgewiesenen Zeilen)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="45"/>
        <source>Table:</source>
        <translation>Tabelle:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="46"/>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="47"/>
        <source>Bad rows:</source>
        <translation>Fehlerhafte Zeilen:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="49"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="71"/>
        <source>Cannot read this file: %1</source>
        <translation>Diese Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="76"/>
        <source>Format: %1</source>
        <translation>Format: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/import/import_dialog.cpp" line="84"/>
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::ui::JobList</name>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="209"/>
        <source>%1 rows/s</source>
        <translation>%1 Zeilen/s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="216"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="220"/>
        <source>canceled — nothing was kept</source>
        <translation>abgebrochen — nichts wurde behalten</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="222"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="234"/>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="236"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="238"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="240"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="242"/>
        <source>Elapsed</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="244"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>strata::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="71"/>
        <source>Strata — %1</source>
        <translation>Strata — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="75"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="83"/>
        <source>Rows of the selected table</source>
        <translation>Zeilen der gewählten Tabelle</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="88"/>
        <source>Filter: a WHERE condition, e.g. age &gt; 30 AND name LIKE &apos;A%&apos;</source>
        <translation>Filter: eine WHERE-Bedingung, z. B. age &gt; 30 AND name LIKE &apos;A%&apos;</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="89"/>
        <source>Row filter</source>
        <translation>Zeilenfilter</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="106"/>
        <location filename="../ui/main_window/main_window.cpp" line="113"/>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="120"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="121"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="123"/>
        <source>Import files</source>
        <translation>Dateien importieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="124"/>
        <source>Data files (*.csv *.tsv *.json *.jsonl *.ndjson *.sql *.sqlite *.db *.geojson *.zip);;All files (*)</source>
        <translation>Datendateien (*.csv *.tsv *.json *.jsonl *.ndjson *.sql *.sqlite *.db *.geojson *.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="130"/>
        <source>Export table as &amp;CSV</source>
        <translation>Tabelle als &amp;CSV exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="132"/>
        <source>&amp;Backup now</source>
        <translation>&amp;Jetzt sichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="135"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="138"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="140"/>
        <source>&amp;Cancel job</source>
        <translation>Auftrag a&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="147"/>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="199"/>
        <source>%1 · last commit %2%3</source>
        <translation>%1 · letzter Commit %2%3</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="200"/>
        <source> · read-only</source>
        <translation> · schreibgeschützt</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="201"/>
        <source>Cannot list tables: %1</source>
        <translation>Tabellen können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="235"/>
        <source>%1: filtered by %2</source>
        <translation>%1: gefiltert nach %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="236"/>
        <source>The filter does not work: %1</source>
        <translation>Der Filter funktioniert nicht: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="246"/>
        <source>Backup of %1</source>
        <translation>Sicherung von %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="253"/>
        <source>Select a table to export first.</source>
        <translation>Bitte zuerst eine Tabelle zum Exportieren wählen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="261"/>
        <source>%1 as CSV</source>
        <translation>%1 als CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="272"/>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/main_window.cpp" line="275"/>
        <source>Import of %n file(s)</source>
        <translation>
            <numerusform>Import von %n Datei</numerusform>
            <numerusform>Import von %n Dateien</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::ui::TableDataModel</name>
    <message numerus="yes">
        <location filename="../ui/browser/table_data_model.cpp" line="105"/>
        <source>(%n byte(s))</source>
        <translation>
            <numerusform>(%n Byte)</numerusform>
            <numerusform>(%n Bytes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::ui::TableListModel</name>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="47"/>
        <source> (primary key)</source>
        <translation> (Primärschlüssel)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="48"/>
        <source> (sensitive)</source>
        <translation> (vertraulich)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="73"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="75"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="77"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="79"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
</context>
</TS>
