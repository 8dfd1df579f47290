<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../ui/jobs/job_list.cpp" line="75" />
        <source>%n file(s), %1 rows</source>
        <translation>
            <numerusform>%n Datei, %1 Zeilen</numerusform>
            <numerusform>%n Dateien, %1 Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="101" />
        <source>%1 rows imported, %2 rejected</source>
        <translation>%1 Zeilen importiert, %2 abgewiesen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="104" />
        <source>%1 rows imported</source>
        <translation>%1 Zeilen importiert</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="40" />
        <source>Get data out of a database and back in.</source>
        <translation>Daten aus einer Datenbank holen und wieder hinein.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="45" />
        <source>Database folder to open (default: the demo database).</source>
        <translation>Zu öffnender Datenbankordner (Vorgabe: die Demo-Datenbank).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="64" />
        <source>Cannot open %1:
%2</source>
        <translation>%1 kann nicht geöffnet werden:
%2</translation>
    </message>
</context>
<context>
    <name>strata::ui::ExportDialog</name>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="39" />
        <source>&amp;Whole database (backup)</source>
        <translation>&amp;Ganze Datenbank (Sicherung)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="40" />
        <source>&amp;Tables</source>
        <translation>&amp;Tabellen</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="41" />
        <source>&amp;Query result</source>
        <translation>&amp;Abfrageergebnis</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="47" />
        <source>JSON &amp;lines (one row a line)</source>
        <translation>JSON-&amp;Zeilen (eine Zeile pro Datensatz)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="48" />
        <source>Times in names in &amp;UTC</source>
        <translation>Zeiten in Namen in &amp;UTC</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="49" />
        <source>Pack into a &amp;zip with a manifest</source>
        <translation>In ein &amp;ZIP mit Manifest packen</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="55" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="59" />
        <source>SELECT … FROM …</source>
        <translation>SELECT … FROM …</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="60" />
        <source>Query to export</source>
        <translation>Zu exportierende Abfrage</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="63" />
        <source>Table / column</source>
        <translation>Tabelle / Spalte</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="63" />
        <source>Filter (WHERE)</source>
        <translation>Filter (WHERE)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="64" />
        <source>Tables and columns to export</source>
        <translation>Zu exportierende Tabellen und Spalten</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="78" />
        <source>  (sensitive)</source>
        <translation>  (vertraulich)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="85" />
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="97" />
        <source>Formats</source>
        <translation>Formate</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="115" />
        <source>CSV preset</source>
        <translation>CSV-Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="120" />
        <source>SQL dialect</source>
        <translation>SQL-Dialekt</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="123" />
        <source>CSV preset:</source>
        <translation>CSV-Vorgabe:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="124" />
        <source>SQL dialect:</source>
        <translation>SQL-Dialekt:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="128" />
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="131" />
        <source>Destination folder</source>
        <translation>Zielordner</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="132" />
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="135" />
        <source>Export into</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="142" />
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="143" />
        <source>Export them</source>
        <translation>Mit exportieren</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="144" />
        <source>Leave them out</source>
        <translation>Weglassen</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="145" />
        <source>Mask them (***)</source>
        <translation>Maskieren (***)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="146" />
        <source>Sensitive columns</source>
        <translation>Vertrauliche Spalten</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="147" />
        <source>Sensitive columns:</source>
        <translation>Vertrauliche Spalten:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="149" />
        <source>empty: everything; a name: only what changed since its last run</source>
        <translation>leer: alles; ein Name: nur, was sich seit seinem letzten Lauf geändert hat</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="150" />
        <source>Incremental profile</source>
        <translation>Inkrementelles Profil</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="151" />
        <source>Incremental profile:</source>
        <translation>Inkrementelles Profil:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="153" />
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="154" />
        <source>Row limit</source>
        <translation>Zeilengrenze</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="155" />
        <source>At most rows:</source>
        <translation>Höchstens Zeilen:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="160" />
        <source>Files that will be written</source>
        <translation>Dateien, die geschrieben werden</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="162" />
        <source>Will write:</source>
        <translation>Schreibt:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="165" />
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
</context>
<context>
    <name>strata::ui::ImportDialog</name>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="31" />
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/import/import_dialog.cpp" line="32" />
        <source>Import %n file(s)</source>
        <translation>
            <numerusform>%n Datei importieren</numerusform>
            <numerusform>%n Dateien importieren</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="35" />
        <source>Preview of the first rows</source>
        <translation>Vorschau der ersten Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="38" />
        <source>Target table</source>
        <translation>Zieltabelle</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="39" />
        <source>Import mode</source>
        <translation>Importmodus</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="40" />
        <source>Create a new table</source>
        <translation>Neue Tabelle anlegen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="41" />
        <source>Append to the table</source>
        <translation>An die Tabelle anhängen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="42" />
        <source>Replace the table's rows</source>
        <translation>Zeilen der Tabelle ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="43" />
        <source>Merge by primary key</source>
        <translation>Über den Primärschlüssel zusammenführen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="44" />
        <source>When a row cannot be imported</source>
        <translation>Wenn eine Zeile nicht importiert werden kann</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="45" />
        <source>Stop and import nothing</source>
        <translation>Abbrechen und nichts importieren</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="46" />
        <source>Skip it (rejects file)</source>
        <translation>Überspringen (Datei der abgewiesenen Zeilen)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="48" />
        <source>Delimiter</source>
        <translation>Trennzeichen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="49" />
        <location filename="../ui/import/import_dialog.cpp" line="55" />
        <location filename="../ui/import/import_dialog.cpp" line="59" />
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="50" />
        <source>Comma ,</source>
        <translation>Komma ,</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="51" />
        <source>Semicolon ;</source>
        <translation>Semikolon ;</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="52" />
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="53" />
        <source>Bar |</source>
        <translation>Strich |</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="54" />
        <source>Header line</source>
        <translation>Kopfzeile</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="56" />
        <source>First line names the columns</source>
        <translation>Erste Zeile benennt die Spalten</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="57" />
        <source>First line is data</source>
        <translation>Erste Zeile sind Daten</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="58" />
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="63" />
        <source>Delimiter:</source>
        <translation>Trennzeichen:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="65" />
        <source>Header:</source>
        <translation>Kopfzeile:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="67" />
        <source>Encoding:</source>
        <translation>Kodierung:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="74" />
        <source>Table:</source>
        <translation>Tabelle:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="75" />
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="76" />
        <source>Bad rows:</source>
        <translation>Fehlerhafte Zeilen:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="78" />
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="125" />
        <source>Cannot read this file: %1</source>
        <translation>Diese Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="135" />
        <source>Format: %1</source>
        <translation>Format: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/import/import_dialog.cpp" line="143" />
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="152" />
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="166" />
        <source>Type of %1</source>
        <translation>Typ von %1</translation>
    </message>
</context>
<context>
    <name>strata::ui::JobList</name>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="209" />
        <source>%1 rows/s</source>
        <translation>%1 Zeilen/s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="219" />
        <source>%1 (about %2 s left)</source>
        <translation>%1 (noch etwa %2 s)</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="224" />
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="228" />
        <source>canceled — nothing was kept</source>
        <translation>abgebrochen — nichts wurde behalten</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="230" />
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="242" />
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="244" />
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="246" />
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="248" />
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="250" />
        <source>Elapsed</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="252" />
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>strata::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="80" />
        <source>Strata — %1</source>
        <translation>Strata — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="84" />
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="92" />
        <source>Rows of the selected table</source>
        <translation>Zeilen der gewählten Tabelle</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="97" />
        <source>Filter: a WHERE condition, e.g. age &gt; 30 AND name LIKE 'A%'</source>
        <translation>Filter: eine WHERE-Bedingung, z. B. age &gt; 30 AND name LIKE 'A%'</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="98" />
        <source>Row filter</source>
        <translation>Zeilenfilter</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="114" />
        <source>&amp;Data</source>
        <translation>&amp;Daten</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="115" />
        <source>&amp;SQL</source>
        <translation>&amp;SQL</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="119" />
        <source>History of exports and imports</source>
        <translation>Verlauf der Exporte und Importe</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="121" />
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="134" />
        <location filename="../ui/main_window/main_window.cpp" line="146" />
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="141" />
        <source>Double-click a finished job to open its folder, or to read its error in full</source>
        <translation>Doppelklick auf einen beendeten Auftrag öffnet seinen Ordner oder zeigt seinen Fehler vollständig</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="153" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="154" />
        <source>&amp;Open database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="155" />
        <source>Open a Strata database folder</source>
        <translation>Einen Strata-Datenbankordner öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="161" />
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="167" />
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="170" />
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="172" />
        <source>Import files</source>
        <translation>Dateien importieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="173" />
        <source>Data files (*.csv *.tsv *.json *.jsonl *.ndjson *.sql *.sqlite *.db *.geojson *.zip);;All files (*)</source>
        <translation>Datendateien (*.csv *.tsv *.json *.jsonl *.ndjson *.sql *.sqlite *.db *.geojson *.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="179" />
        <location filename="../ui/main_window/main_window.cpp" line="447" />
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="181" />
        <source>Export table as &amp;CSV</source>
        <translation>Tabelle als &amp;CSV exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="183" />
        <source>&amp;Backup now</source>
        <translation>&amp;Jetzt sichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="186" />
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="188" />
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="195" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="197" />
        <source>&amp;Cancel job</source>
        <translation>Auftrag a&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="204" />
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="259" />
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="260" />
        <source>Cannot open %1:
%2</source>
        <translation>%1 kann nicht geöffnet werden:
%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="301" />
        <source>%1 · last commit %2%3</source>
        <translation>%1 · letzter Commit %2%3</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="302" />
        <source> · read-only</source>
        <translation> · schreibgeschützt</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="303" />
        <source>Cannot list tables: %1</source>
        <translation>Tabellen können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="337" />
        <source>%1: filtered by %2</source>
        <translation>%1: gefiltert nach %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="338" />
        <source>The filter does not work: %1</source>
        <translation>Der Filter funktioniert nicht: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="366" />
        <source>Backup of %1</source>
        <translation>Sicherung von %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="373" />
        <source>Select a table to export first.</source>
        <translation>Bitte zuerst eine Tabelle zum Exportieren wählen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="385" />
        <source>%1 as CSV</source>
        <translation>%1 als CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="397" />
        <source>Export of the database</source>
        <translation>Export der Datenbank</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="399" />
        <source>Export of a query</source>
        <translation>Export einer Abfrage</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/main_window.cpp" line="400" />
        <source>Export of %n table(s)</source>
        <translation>
            <numerusform>Export von %n Tabelle</numerusform>
            <numerusform>Export von %n Tabellen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="415" />
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/main_window.cpp" line="416" />
        <source>Import of %n file(s)</source>
        <translation>
            <numerusform>Import von %n Datei</numerusform>
            <numerusform>Import von %n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="448" />
        <source>Export as &amp;CSV</source>
        <translation>Als &amp;CSV exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="449" />
        <source>&amp;Import into…</source>
        <translation>H&amp;ierhin importieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="451" />
        <source>Import into %1</source>
        <translation>In %1 importieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="456" />
        <source>&amp;Drop…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="458" />
        <source>Drop table</source>
        <translation>Tabelle löschen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="459" />
        <source>Drop table %1 and all its rows? This cannot be undone.</source>
        <translation>Tabelle %1 mit allen Zeilen löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="477" />
        <source>Dropped table %1</source>
        <translation>Tabelle %1 gelöscht</translation>
    </message>
</context>
<context>
    <name>strata::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="20" />
        <source>Times in file names in &amp;UTC (default: local time)</source>
        <translation>Zeiten in Dateinamen in &amp;UTC (sonst Ortszeit)</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="25" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="32" />
        <source>Default export folder</source>
        <translation>Standard-Exportordner</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="33" />
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="36" />
        <source>Export folder</source>
        <translation>Exportordner</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="47" />
        <source>Default CSV preset</source>
        <translation>Standard-CSV-Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="49" />
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="51" />
        <source>Files of each kind to keep</source>
        <translation>Zu behaltende Dateien je Art</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="52" />
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="57" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="60" />
        <source>Export folder:</source>
        <translation>Exportordner:</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="62" />
        <source>CSV preset:</source>
        <translation>CSV-Vorgabe:</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="63" />
        <source>Keep the newest (older go to archive/):</source>
        <translation>Die neuesten behalten (ältere nach archive/):</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="64" />
        <source>Language (at the next start):</source>
        <translation>Sprache (beim nächsten Start):</translation>
    </message>
</context>
<context>
    <name>strata::ui::SqlConsole</name>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="24" />
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="25" />
        <source>E&amp;xport result…</source>
        <translation>Ergebnis e&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="30" />
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="31" />
        <source>SQL statements; Ctrl+Enter runs them</source>
        <translation>SQL-Anweisungen; Strg+Eingabe führt sie aus</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="33" />
        <source>Run (Ctrl+Enter)</source>
        <translation>Ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="36" />
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="79" />
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="90" />
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="118" />
        <source>Done: %1 rows changed</source>
        <translation>Fertig: %1 Zeilen geändert</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/sql_console.cpp" line="143" />
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::ui::TableDataModel</name>
    <message numerus="yes">
        <location filename="../ui/browser/table_data_model.cpp" line="115" />
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
        <location filename="../ui/models/table_list_model.cpp" line="84" />
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="86" />
        <source>NOT NULL</source>
        <translation>NOT NULL</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="88" />
        <source>unique</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="90" />
        <source>sensitive</source>
        <translation>vertraulich</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="110" />
        <source> (primary key)</source>
        <translation> (Primärschlüssel)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="111" />
        <source> (sensitive)</source>
        <translation> (vertraulich)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="136" />
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="138" />
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="140" />
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="142" />
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
</context>
</TS>