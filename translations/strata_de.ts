<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Choices</name>
    <message>
        <location filename="../ui/widgets/choices.cpp" line="10"/>
        <source>Comma ,</source>
        <translation>Komma ,</translation>
    </message>
    <message>
        <location filename="../ui/widgets/choices.cpp" line="11"/>
        <source>Semicolon ;</source>
        <translation>Semikolon ;</translation>
    </message>
    <message>
        <location filename="../ui/widgets/choices.cpp" line="12"/>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <location filename="../ui/widgets/choices.cpp" line="13"/>
        <source>Bar |</source>
        <translation>Strich |</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="13"/>
        <source>Welcome to Strata</source>
        <translation>Willkommen bei Strata</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="15"/>
        <source>Which database do you want to open?</source>
        <translation>Welche Datenbank möchten Sie öffnen?</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="17"/>
        <source>A Strata database is a folder. To look around first, Strata can create a demo database with sample users, products, orders and map parcels in:
%1</source>
        <translation>Eine Strata-Datenbank ist ein Ordner. Zum Ausprobieren kann Strata eine Demo-Datenbank mit Beispielnutzern, -produkten, -bestellungen und Kartenparzellen anlegen, in:
%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="22"/>
        <source>Create the &amp;demo database</source>
        <translation>&amp;Demo-Datenbank anlegen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="24"/>
        <source>&amp;Open or create a folder…</source>
        <translation>Ordner ö&amp;ffnen oder anlegen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="35"/>
        <source>Open a Strata database folder (an empty folder becomes a new database)</source>
        <translation>Einen Strata-Datenbankordner öffnen (ein leerer Ordner wird eine neue Datenbank)</translation>
    </message>
</context>
<context>
    <name>FormatOption</name>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="58"/>
        <source>Preset</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="64"/>
        <source>Delimiter</source>
        <translation>Trennzeichen</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="70"/>
        <source>Quote</source>
        <translation>Anführungszeichen</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="76"/>
        <source>Quoting</source>
        <translation>Anführung</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="82"/>
        <source>Header line</source>
        <translation>Kopfzeile</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="88"/>
        <source>Line ends</source>
        <translation>Zeilenenden</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="94"/>
        <source>Byte order mark</source>
        <translation>Byte-Order-Mark</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="100"/>
        <location filename="../engine/transfer/formats/markdown/markdown_format.cpp" line="170"/>
        <source>NULL as</source>
        <translation>NULL als</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="106"/>
        <source>Formula guard</source>
        <translation>Formelschutz</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="112"/>
        <source>Booleans</source>
        <translation>Wahrheitswerte</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="118"/>
        <source>Binary data</source>
        <translation>Binärdaten</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/geojson/geojson_format.cpp" line="26"/>
        <source>Geometry column</source>
        <translation>Geometriespalte</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/geojson/geojson_format.cpp" line="32"/>
        <source>Longitude column</source>
        <translation>Längengrad-Spalte</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/geojson/geojson_format.cpp" line="38"/>
        <source>Latitude column</source>
        <translation>Breitengrad-Spalte</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/geojson/geojson_format.cpp" line="44"/>
        <source>Invalid geometry</source>
        <translation>Ungültige Geometrie</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/json/json_format.cpp" line="28"/>
        <source>JSON lines (one row a line)</source>
        <translation>JSON Lines (eine Zeile je Datensatz)</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/json/json_format.cpp" line="34"/>
        <source>Line breaks</source>
        <translation>Zeilenumbrüche</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/sql/sql_format.cpp" line="48"/>
        <source>SQL dialect</source>
        <translation>SQL-Dialekt</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/sql/sql_format.cpp" line="54"/>
        <source>Rows per INSERT</source>
        <translation>Zeilen je INSERT</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/markdown/markdown_format.cpp" line="176"/>
        <source>Numbers aligned right</source>
        <translation>Zahlen rechtsbündig</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="45"/>
        <source>Get data out of a database and back in.</source>
        <translation>Daten aus einer Datenbank holen und wieder hinein.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="50"/>
        <source>A database folder to open (default: the last one, else the demo database), and files to import into it (CSV, JSON, SQL, SQLite, GeoJSON, zip) — as a file manager passes them.</source>
        <translation>Ein zu öffnender Datenbankordner (Vorgabe: der zuletzt geöffnete, sonst die Demo-Datenbank) und Dateien, die hinein importiert werden (CSV, JSON, SQL, SQLite, GeoJSON, ZIP) — wie ein Dateimanager sie übergibt.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="57"/>
        <source>Show the window, report it on standard output and quit (installation checks).</source>
        <translation>Das Fenster zeigen, es auf der Standardausgabe melden und beenden (Installationsprüfung).</translation>
    </message>
</context>
<context>
    <name>strata::ui::ExportDialog</name>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="64"/>
        <source>&amp;Whole database (backup)</source>
        <translation>&amp;Ganze Datenbank (Sicherung)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="65"/>
        <source>&amp;Tables</source>
        <translation>&amp;Tabellen</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="66"/>
        <source>&amp;Query result</source>
        <translation>&amp;Abfrageergebnis</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="71"/>
        <source>Times in names in &amp;UTC</source>
        <translation>Zeiten in Namen in &amp;UTC</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="72"/>
        <source>Pack into a &amp;zip with a manifest</source>
        <translation>In ein &amp;ZIP mit Manifest packen</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="79"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="83"/>
        <source>SELECT … FROM …</source>
        <translation>SELECT … FROM …</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="84"/>
        <source>Query to export</source>
        <translation>Zu exportierende Abfrage</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="87"/>
        <source>Table / column</source>
        <translation>Tabelle / Spalte</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="87"/>
        <source>Filter (WHERE)</source>
        <translation>Filter (WHERE)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="88"/>
        <source>Tables and columns to export</source>
        <translation>Zu exportierende Tabellen und Spalten</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="102"/>
        <source>  (sensitive)</source>
        <translation>  (vertraulich)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="109"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="121"/>
        <source>Formats</source>
        <translation>Formate</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="150"/>
        <source>Options of the chosen formats</source>
        <translation>Optionen der gewählten Formate</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="155"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="158"/>
        <source>Destination folder</source>
        <translation>Zielordner</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="159"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="162"/>
        <source>Export into</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="169"/>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="170"/>
        <source>Export them</source>
        <translation>Mit exportieren</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="171"/>
        <source>Leave them out</source>
        <translation>Weglassen</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="172"/>
        <source>Mask them (***)</source>
        <translation>Maskieren (***)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="173"/>
        <source>Sensitive columns</source>
        <translation>Vertrauliche Spalten</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="174"/>
        <source>Sensitive columns:</source>
        <translation>Vertrauliche Spalten:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="176"/>
        <source>empty: everything; a name: only what changed since its last run</source>
        <translation>leer: alles; ein Name: nur, was sich seit seinem letzten Lauf geändert hat</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="177"/>
        <source>Incremental profile</source>
        <translation>Inkrementelles Profil</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="178"/>
        <source>Incremental profile:</source>
        <translation>Inkrementelles Profil:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="180"/>
        <location filename="../ui/export/export_dialog.cpp" line="185"/>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="181"/>
        <source>Row limit</source>
        <translation>Zeilengrenze</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="182"/>
        <source>At most rows:</source>
        <translation>Höchstens Zeilen:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="184"/>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="186"/>
        <source>Size limit</source>
        <translation>Größengrenze</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="187"/>
        <source>At most:</source>
        <translation>Höchstens:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="192"/>
        <source>Files that will be written</source>
        <translation>Dateien, die geschrieben werden</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="194"/>
        <source>Will write:</source>
        <translation>Schreibt:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="198"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="199"/>
        <source>Save as &amp;profile…</source>
        <translation>Als &amp;Profil speichern…</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="200"/>
        <source>Keep these choices under a name, to run them again with one click from File &gt; Export profiles</source>
        <translation>Diese Auswahl unter einem Namen behalten, um sie mit einem Klick unter Datei &gt; Exportprofile erneut auszuführen</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="205"/>
        <location filename="../ui/export/export_dialog.cpp" line="211"/>
        <source>Save as profile</source>
        <translation>Als Profil speichern</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="205"/>
        <source>Profile name:</source>
        <translation>Profilname:</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="212"/>
        <source>A profile named %1 exists. Replace it?</source>
        <translation>Ein Profil namens %1 existiert bereits. Ersetzen?</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="326"/>
        <source>Working out the file names…</source>
        <translation>Die Dateinamen werden ermittelt …</translation>
    </message>
</context>
<context>
    <name>strata::ui::FormatOptionsPanel</name>
    <message>
        <location filename="../ui/export/format_options.cpp" line="37"/>
        <source>as the preset</source>
        <translation>wie die Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/export/format_options.cpp" line="65"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../ui/export/format_options.cpp" line="66"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../ui/export/format_options.cpp" line="137"/>
        <source>This format has no options.</source>
        <translation>Dieses Format hat keine Optionen.</translation>
    </message>
</context>
<context>
    <name>strata::ui::GridView</name>
    <message>
        <location filename="../ui/browser/grid_view.cpp" line="61"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
</context>
<context>
    <name>strata::ui::HistoryModel</name>
    <message>
        <location filename="../ui/history/history_model.cpp" line="16"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="18"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="20"/>
        <source>Restore</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="27"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="29"/>
        <source>Canceled: nothing was kept</source>
        <translation>Abgebrochen: nichts wurde behalten</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="31"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="39"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="41"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="127"/>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="141"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="148"/>
        <source>%1 and %2 more</source>
        <translation>%1 und %2 weitere</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="168"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="170"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="172"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="174"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="176"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="178"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>strata::ui::ImportDialog</name>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="49"/>
        <source>&amp;Compare with the database</source>
        <translation>Mit der Datenbank &amp;vergleichen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="54"/>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="58"/>
        <source>Preview of the first rows</source>
        <translation>Vorschau der ersten Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="61"/>
        <source>Target table</source>
        <translation>Zieltabelle</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="62"/>
        <source>Import mode</source>
        <translation>Importmodus</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="63"/>
        <source>Create a new table</source>
        <translation>Neue Tabelle anlegen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="64"/>
        <location filename="../ui/import/import_dialog.cpp" line="565"/>
        <source>Append to the table</source>
        <translation>An die Tabelle anhängen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="65"/>
        <location filename="../ui/import/import_dialog.cpp" line="564"/>
        <source>Replace the table&apos;s rows</source>
        <translation>Zeilen der Tabelle ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="66"/>
        <source>Merge by primary key</source>
        <translation>Über den Primärschlüssel zusammenführen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="67"/>
        <source>When a row cannot be imported</source>
        <translation>Wenn eine Zeile nicht importiert werden kann</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="68"/>
        <source>Stop and import nothing</source>
        <translation>Abbrechen und nichts importieren</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="69"/>
        <source>Skip it (rejects file)</source>
        <translation>Überspringen (Datei der abgewiesenen Zeilen)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="71"/>
        <source>Delimiter</source>
        <translation>Trennzeichen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="72"/>
        <location filename="../ui/import/import_dialog.cpp" line="74"/>
        <location filename="../ui/import/import_dialog.cpp" line="78"/>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="73"/>
        <source>Header line</source>
        <translation>Kopfzeile</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="75"/>
        <source>First line names the columns</source>
        <translation>Erste Zeile benennt die Spalten</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="76"/>
        <source>First line is data</source>
        <translation>Erste Zeile sind Daten</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="77"/>
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="81"/>
        <source>Quotes inside quoted fields</source>
        <translation>Anführungszeichen in Feldern in Anführungszeichen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="82"/>
        <source>Doubled (&quot;&quot;)</source>
        <translation>Verdoppelt (&quot;&quot;)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="83"/>
        <source>Backslash (\&quot;, as MySQL writes)</source>
        <translation>Backslash (\&quot;, wie MySQL schreibt)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="85"/>
        <source>Delimiter:</source>
        <translation>Trennzeichen:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="87"/>
        <source>Header:</source>
        <translation>Kopfzeile:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="89"/>
        <source>Encoding:</source>
        <translation>Kodierung:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="91"/>
        <source>Quotes:</source>
        <translation>Anführungszeichen:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="98"/>
        <source>Columns the whole file widens</source>
        <translation>Spalten, die die ganze Datei erweitert</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="104"/>
        <source>Tables to restore</source>
        <translation>Wiederherzustellende Tabellen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="107"/>
        <source>Comparison of the backup with the database</source>
        <translation>Vergleich der Sicherung mit der Datenbank</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="109"/>
        <source>What the restore would change, table by table (nothing changes until you import)</source>
        <translation>Was die Wiederherstellung ändern würde, Tabelle für Tabelle (nichts ändert sich vor dem Import)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="111"/>
        <source>Reads the whole backup and reports, without changing anything, what a restore with these choices would do</source>
        <translation>Liest die ganze Sicherung und berichtet, ohne etwas zu ändern, was eine Wiederherstellung mit dieser Auswahl täte</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="117"/>
        <source>Tables to restore:</source>
        <translation>Wiederherzustellende Tabellen:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="121"/>
        <source>Without this, tables of the database that the backup does not hold are left as they are. Either way, the database as it was is backed up first.</source>
        <translation>Ohne diese Option bleiben Tabellen der Datenbank, die die Sicherung nicht enthält, unverändert. In jedem Fall wird die Datenbank vorher gesichert.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="131"/>
        <source>&amp;Table:</source>
        <translation>&amp;Tabelle:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="132"/>
        <source>&amp;Mode:</source>
        <translation>&amp;Modus:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="133"/>
        <source>&amp;Bad rows:</source>
        <translation>&amp;Fehlerhafte Zeilen:</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="202"/>
        <source>Reading the file…</source>
        <translation>Datei wird gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="446"/>
        <source>into</source>
        <translation>nach</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="462"/>
        <source>(choose a column)</source>
        <translation>(Spalte wählen)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="463"/>
        <source>(leave out)</source>
        <translation>(weglassen)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="468"/>
        <source>Table column for %1</source>
        <translation>Tabellenspalte für %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="492"/>
        <source>Table %1 has no column named %2: choose where it goes, or leave it out.</source>
        <translation>Tabelle %1 hat keine Spalte namens %2: wählen Sie, wohin sie gehört, oder lassen Sie sie weg.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="496"/>
        <source>Two file columns go into %1.</source>
        <translation>Zwei Dateispalten gehen in %1.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="505"/>
        <source>No file column goes into %1, which cannot be empty.</source>
        <translation>Keine Dateispalte geht in %1, die nicht leer sein darf.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="508"/>
        <source>Left empty (or their default): %1.</source>
        <translation>Bleiben leer (oder erhalten ihre Vorgabe): %1.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="514"/>
        <source>Wait until the file&apos;s first rows are read.</source>
        <translation>Warten Sie, bis die ersten Zeilen der Datei gelesen sind.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="516"/>
        <source>Wait until every table of the backup is listed.</source>
        <translation>Warten Sie, bis alle Tabellen der Sicherung aufgeführt sind.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="572"/>
        <source>Replace the chosen tables</source>
        <translation>Die gewählten Tabellen ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="572"/>
        <source>Replace the backup&apos;s tables</source>
        <translation>Die Tabellen der Sicherung ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="576"/>
        <source>Append the backup&apos;s rows</source>
        <translation>Die Zeilen der Sicherung anhängen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="593"/>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="595"/>
        <source>appended</source>
        <translation>angehängt</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="597"/>
        <source>replaced</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="599"/>
        <source>merged</source>
        <translation>zusammengeführt</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="601"/>
        <source>dropped</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="654"/>
        <source>%1 (1 row)</source>
        <translation>%1 (1 Zeile)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="655"/>
        <source>%1 (%2 rows)</source>
        <translation>%1 (%2 Zeilen)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="665"/>
        <source>Reading the backup for all its tables…</source>
        <translation>Die Sicherung wird nach all ihren Tabellen gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="679"/>
        <source>Cannot read the whole backup: %1</source>
        <translation>Die ganze Sicherung ist nicht lesbar: %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="692"/>
        <source>The backup holds %1 tables with %2 rows.</source>
        <translation>Die Sicherung enthält %1 Tabellen mit %2 Zeilen.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="725"/>
        <source>Reading the backup…</source>
        <translation>Die Sicherung wird gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="732"/>
        <source>The restore would fail: %1</source>
        <translation>Die Wiederherstellung würde fehlschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="743"/>
        <source>%1: dropped (%2 rows)</source>
        <translation>%1: gelöscht (%2 Zeilen)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="746"/>
        <source>%1: created with %2 rows</source>
        <translation>%1: angelegt mit %2 Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="748"/>
        <source>%1: %2, %3 → %4 rows</source>
        <translation>%1: %2, %3 → %4 Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="136"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="48"/>
        <source>Also &amp;drop the tables the backup does not hold</source>
        <translation>Auch Tabellen &amp;löschen, die die Sicherung nicht enthält</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="55"/>
        <source>Import %1 files</source>
        <translation>%1 Dateien importieren</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="226"/>
        <source>Cannot read this file: %1</source>
        <translation>Diese Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="237"/>
        <source>Format: %1</source>
        <translation>Format: %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="256"/>
        <source>A backup; the preview shows %1</source>
        <translation>Eine Sicherung; die Vorschau zeigt %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="364"/>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="365"/>
        <source>%1 is %2 because of %3: %4</source>
        <translation>%1 ist %2 wegen %3: %4</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="375"/>
        <source>Read %1 as empty</source>
        <translation>%1 als leer lesen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="376"/>
        <source>Every field %1 in the file becomes NULL, and the column&apos;s type is worked out again</source>
        <translation>Jedes Feld %1 in der Datei wird NULL, und der Typ der Spalte wird neu ermittelt</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="386"/>
        <source>Keep %1, reject such rows</source>
        <translation>%1 behalten, solche Zeilen abweisen</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="387"/>
        <source>The column stays %1; rows whose value is not one go to a rejects file instead of the table</source>
        <translation>Die Spalte bleibt %1; Zeilen, deren Wert keiner ist, kommen in eine Datei abgewiesener Zeilen statt in die Tabelle</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="418"/>
        <location filename="../ui/import/import_dialog.cpp" line="429"/>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="436"/>
        <source>Type of %1</source>
        <translation>Typ von %1</translation>
    </message>
</context>
<context>
    <name>strata::ui::JobList</name>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="87"/>
        <source>1 file, %1 rows</source>
        <translation>1 Datei, %1 Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="88"/>
        <source>%1 files, %2 rows</source>
        <translation>%1 Dateien, %2 Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="107"/>
        <source>%1: %2 rows now (from %3)</source>
        <translation>%1: jetzt %2 Zeilen (aus %3)</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="122"/>
        <source>%1 rows imported, %2 rejected</source>
        <translation>%1 Zeilen importiert, %2 abgewiesen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="125"/>
        <source>%1 rows imported</source>
        <translation>%1 Zeilen importiert</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="132"/>
        <source>; the database as it was is kept in %1</source>
        <translation>; die Datenbank, wie sie war, liegt in %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="337"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="339"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="352"/>
        <source>%1 rows/s</source>
        <translation>%1 Zeilen/s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="355"/>
        <source>%1 · %2 MB/s</source>
        <translation>%1 · %2 MB/s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="359"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="365"/>
        <source>%1 (about %2 s left)</source>
        <translation>%1 (noch etwa %2 s)</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="370"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="374"/>
        <source>canceled — nothing was kept</source>
        <translation>abgebrochen — nichts wurde behalten</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="376"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="387"/>
        <source>%1
Double-click to open its folder; right-click to copy the path</source>
        <translation>%1
Doppelklick öffnet den Ordner; Rechtsklick kopiert den Pfad</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="398"/>
        <source>Rejected rows: %1</source>
        <translation>Abgewiesene Zeilen: %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="400"/>
        <source>The database as it was: %1</source>
        <translation>Die Datenbank, wie sie war: %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="402"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="412"/>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="425"/>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="427"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="429"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="431"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="433"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="435"/>
        <source>Elapsed</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="437"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>strata::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="689"/>
        <source>Strata — %1</source>
        <translation>Strata — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="156"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="168"/>
        <source>Rows of the selected table</source>
        <translation>Zeilen der gewählten Tabelle</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="174"/>
        <source>Filter: a WHERE condition, e.g. age &gt; 30 AND name LIKE &apos;A%&apos;</source>
        <translation>Filter: eine WHERE-Bedingung, z. B. age &gt; 30 AND name LIKE &apos;A%&apos;</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="175"/>
        <source>Row filter</source>
        <translation>Zeilenfilter</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="205"/>
        <location filename="../ui/main_window/main_window.cpp" line="470"/>
        <source>&amp;Data</source>
        <translation>&amp;Daten</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="206"/>
        <source>&amp;SQL</source>
        <translation>&amp;SQL</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="215"/>
        <source>History of exports and imports</source>
        <translation>Verlauf der Exporte und Importe</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="216"/>
        <source>Double-click an entry (or press Enter) to open the folder of its first file</source>
        <translation>Doppelklick auf einen Eintrag (oder Eingabetaste) öffnet den Ordner seiner ersten Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="231"/>
        <location filename="../ui/main_window/main_window.cpp" line="483"/>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="306"/>
        <location filename="../ui/main_window/main_window.cpp" line="332"/>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="370"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="371"/>
        <source>&amp;Open database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="272"/>
        <location filename="../ui/main_window/main_window.cpp" line="373"/>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="568"/>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="200"/>
        <location filename="../ui/main_window/main_window.cpp" line="376"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="86"/>
        <source>%1 and %2 more</source>
        <translation>%1 und %2 weitere</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="195"/>
        <source>This database has no tables yet.
Drop a CSV, JSON, SQL, SQLite, GeoJSON or zip file here, or import one.</source>
        <translation>Diese Datenbank hat noch keine Tabellen.
Ziehen Sie eine CSV-, JSON-, SQL-, SQLite-, GeoJSON- oder Zip-Datei hierher oder importieren Sie eine.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="253"/>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="254"/>
        <source>Open the database again, for writing if it is free now</source>
        <translation>Die Datenbank erneut öffnen, zum Schreiben, wenn sie jetzt frei ist</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="270"/>
        <source>&amp;Open a database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="277"/>
        <source>Open the &amp;demo database</source>
        <translation>&amp;Demo-Datenbank öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="278"/>
        <source>Sample users, products, orders and map parcels, created in %1 when it is not there yet</source>
        <translation>Beispiel-Benutzer, -Produkte, -Bestellungen und Flurstücke, in %1 angelegt, falls noch nicht vorhanden</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="289"/>
        <source>Opening the database</source>
        <translation>Datenbank wird geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="292"/>
        <location filename="../ui/main_window/main_window.cpp" line="347"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="293"/>
        <source>Stop waiting for this database</source>
        <translation>Nicht länger auf diese Datenbank warten</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="296"/>
        <source>Opening %1 was canceled.</source>
        <translation>Das Öffnen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="328"/>
        <source>Double-click a file to open its folder, or a failed job to read its error in full; right-click to copy a path</source>
        <translation>Doppelklick auf eine Datei öffnet ihren Ordner, auf einen fehlgeschlagenen Auftrag zeigt den ganzen Fehler; Rechtsklick kopiert einen Pfad</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="345"/>
        <source>Reading rows</source>
        <translation>Zeilen werden gelesen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="348"/>
        <source>Stop reading: the rows shown before stay</source>
        <translation>Lesen beenden: die bisher gezeigten Zeilen bleiben</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="381"/>
        <source>Import files</source>
        <translation>Dateien importieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="382"/>
        <source>Data files (%1);;All files (*)</source>
        <translation>Datendateien (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="387"/>
        <location filename="../ui/main_window/main_window.cpp" line="1132"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="389"/>
        <source>Export table as &amp;CSV</source>
        <translation>Tabelle als &amp;CSV exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="391"/>
        <source>Export &amp;profiles</source>
        <translation>Export&amp;profile</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="399"/>
        <source>(none yet: use Save as profile in the Export dialog)</source>
        <translation>(noch keine: „Als Profil speichern“ im Exportdialog verwenden)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="404"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="411"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="415"/>
        <source>&amp;Backup now</source>
        <translation>&amp;Jetzt sichern</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="418"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="423"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="430"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="432"/>
        <source>&amp;Cancel job</source>
        <translation>Auftrag a&amp;bbrechen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="433"/>
        <source>Cancel the jobs selected in the Jobs panel (Delete there)</source>
        <translation>Die im Auftragsbereich gewählten Aufträge abbrechen (dort mit Entf)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="444"/>
        <source>Open &amp;folder</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="446"/>
        <source>&amp;Copy path</source>
        <translation>Pfad &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="450"/>
        <source>Copy &amp;text</source>
        <translation>&amp;Text kopieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="464"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="469"/>
        <source>&amp;Tables</source>
        <translation>&amp;Tabellen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="474"/>
        <source>&amp;Filter</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="479"/>
        <source>&amp;SQL console</source>
        <translation>&amp;SQL-Konsole</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="487"/>
        <source>&amp;Jobs</source>
        <translation>Auf&amp;träge</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="507"/>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="540"/>
        <location filename="../ui/main_window/main_window.cpp" line="733"/>
        <source>No database is open.</source>
        <translation>Keine Datenbank ist geöffnet.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="557"/>
        <source>Open a Strata database folder (an empty folder becomes a new database)</source>
        <translation>Strata-Datenbankordner öffnen (ein leerer Ordner wird eine neue Datenbank)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="576"/>
        <location filename="../ui/main_window/main_window.cpp" line="580"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="630"/>
        <source>%1 is not a Strata database, and it is not empty.</source>
        <translation>%1 ist keine Strata-Datenbank und nicht leer.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="634"/>
        <source>Strata can make a new database in this folder, beside what is there.</source>
        <translation>Strata kann in diesem Ordner neben dem Vorhandenen eine neue Datenbank anlegen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="635"/>
        <source>Strata can import what is in it (%1) into the database open now, or make a new database in this folder.</source>
        <translation>Strata kann den Inhalt (%1) in die geöffnete Datenbank importieren oder in diesem Ordner eine neue Datenbank anlegen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="641"/>
        <source>&amp;Import these files…</source>
        <translation>Diese Dateien &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="642"/>
        <source>&amp;Make a database here</source>
        <translation>Hier eine Datenbank &amp;anlegen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="655"/>
        <location filename="../ui/main_window/main_window.cpp" line="657"/>
        <source>%1 was left as it is.</source>
        <translation>%1 blieb unverändert.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="688"/>
        <source>it was opened read-only</source>
        <translation>sie wurde schreibgeschützt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="691"/>
        <source>&lt;b&gt;Read-only.&lt;/b&gt; %1. You can look and export; importing and dropping tables wait until it can be written.</source>
        <translation>&lt;b&gt;Schreibgeschützt.&lt;/b&gt; %1. Ansehen und Exportieren gehen; Importieren und Löschen von Tabellen warten, bis geschrieben werden kann.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="698"/>
        <source>Listing the tables of %1…</source>
        <translation>Tabellen von %1 werden aufgelistet…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="705"/>
        <source>Database recovered</source>
        <translation>Datenbank wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="706"/>
        <source>%1 was not closed cleanly. Every whole commit is there; this was set aside:
%2</source>
        <translation>%1 wurde nicht sauber geschlossen. Jeder vollständige Commit ist vorhanden; beiseitegelegt wurde:
%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1060"/>
        <source>Export of %1</source>
        <translation>Export von %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1061"/>
        <source>Export of %1 tables</source>
        <translation>Export von %1 Tabellen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1092"/>
        <source>Import of %1 files</source>
        <translation>Import von %1 Dateien</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1122"/>
        <source>Copied: %1</source>
        <translation>Kopiert: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1144"/>
        <source>Drop table %1 and all its rows? A copy is kept in %2, and Import brings it back.</source>
        <translation>Tabelle %1 mit allen Zeilen löschen? Eine Kopie bleibt in %2, und Importieren holt sie zurück.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1196"/>
        <source>Dropped table %1; a copy is kept in %2 (Import brings it back)</source>
        <translation>Tabelle %1 gelöscht; eine Kopie bleibt in %2 (Importieren holt sie zurück)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="629"/>
        <location filename="../ui/main_window/main_window.cpp" line="666"/>
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="662"/>
        <source>Cannot open %1:
%2</source>
        <translation>%1 kann nicht geöffnet werden:
%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="864"/>
        <source>%1 · last commit %2%3</source>
        <translation>%1 · letzter Commit %2%3</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="865"/>
        <source> · read-only</source>
        <translation> · schreibgeschützt</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="866"/>
        <source>Cannot list tables: %1</source>
        <translation>Tabellen können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="929"/>
        <source>%1: filtered by %2</source>
        <translation>%1: gefiltert nach %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="944"/>
        <source>The filter does not work: %1</source>
        <translation>Der Filter funktioniert nicht: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="211"/>
        <source>Cannot read the history: %1</source>
        <translation>Der Verlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="756"/>
        <location filename="../ui/main_window/main_window.cpp" line="885"/>
        <location filename="../ui/main_window/main_window.cpp" line="1153"/>
        <source>The database is read-only: %1</source>
        <translation>Die Datenbank ist schreibgeschützt: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="768"/>
        <source>Quit Strata</source>
        <translation>Strata beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="768"/>
        <source>A job is still running.</source>
        <translation>Ein Auftrag läuft noch.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="770"/>
        <source>Strata can quit once the jobs are done, or cancel them (a canceled job keeps nothing: no partial file, no partial import) and quit.</source>
        <translation>Strata kann beenden, sobald die Aufträge fertig sind, oder sie abbrechen (ein abgebrochener Auftrag hinterlässt nichts: keine halbe Datei, keinen halben Import) und beenden.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="773"/>
        <source>&amp;Quit when done</source>
        <translation>Beenden, wenn &amp;fertig</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="774"/>
        <source>&amp;Cancel the jobs and quit</source>
        <translation>Aufträge &amp;abbrechen und beenden</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="775"/>
        <source>&amp;Keep working</source>
        <translation>&amp;Weiterarbeiten</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="790"/>
        <source>Canceling the jobs; Strata quits when they have stopped.</source>
        <translation>Aufträge werden abgebrochen; Strata beendet sich, wenn sie angehalten haben.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="791"/>
        <source>Strata quits when the jobs are done.</source>
        <translation>Strata beendet sich, wenn die Aufträge fertig sind.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="881"/>
        <source>Open a database first.</source>
        <translation>Bitte zuerst eine Datenbank öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="945"/>
        <source>The filter does not work: %1 — here: %2▸%3</source>
        <translation>Der Filter funktioniert nicht: %1 — hier: %2▸%3</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1021"/>
        <source>Backup of %1</source>
        <translation>Sicherung von %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1030"/>
        <source>Select a table to export first.</source>
        <translation>Bitte zuerst eine Tabelle zum Exportieren wählen.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1042"/>
        <source>%1 as CSV</source>
        <translation>%1 als CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1057"/>
        <source>Export of the database</source>
        <translation>Export der Datenbank</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1058"/>
        <source>Export of a query</source>
        <translation>Export einer Abfrage</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1073"/>
        <source>There is no export profile named %1.</source>
        <translation>Es gibt kein Exportprofil namens %1.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1076"/>
        <source>Export profile %1</source>
        <translation>Exportprofil %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1091"/>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1133"/>
        <source>Export as &amp;CSV</source>
        <translation>Als &amp;CSV exportieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1134"/>
        <source>&amp;Import into…</source>
        <translation>H&amp;ierhin importieren…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1136"/>
        <source>Import into %1</source>
        <translation>In %1 importieren</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1141"/>
        <source>&amp;Drop…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1143"/>
        <source>Drop table</source>
        <translation>Tabelle löschen</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1168"/>
        <source>Dropping table %1…</source>
        <translation>Tabelle %1 wird gelöscht…</translation>
    </message>
</context>
<context>
    <name>strata::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="22"/>
        <source>Times in file names in &amp;UTC (default: local time)</source>
        <translation>Zeiten in Dateinamen in &amp;UTC (sonst Ortszeit)</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="27"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="34"/>
        <source>Default export folder</source>
        <translation>Standard-Exportordner</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="35"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="38"/>
        <source>Export folder</source>
        <translation>Exportordner</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="51"/>
        <source>Default CSV preset</source>
        <translation>Standard-CSV-Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="53"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="55"/>
        <source>Files of each kind to keep</source>
        <translation>Zu behaltende Dateien je Art</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="56"/>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="61"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="64"/>
        <source>Export folder:</source>
        <translation>Exportordner:</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="66"/>
        <source>CSV preset:</source>
        <translation>CSV-Vorgabe:</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="67"/>
        <source>Keep the newest (older go to archive/):</source>
        <translation>Die neuesten behalten (ältere nach archive/):</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="68"/>
        <source>Language (at the next start):</source>
        <translation>Sprache (beim nächsten Start):</translation>
    </message>
</context>
<context>
    <name>strata::ui::SingleInstance</name>
    <message>
        <location filename="../ui/main_window/single_instance.cpp" line="66"/>
        <source>%1 stayed locked</source>
        <translation>%1 blieb gesperrt</translation>
    </message>
    <message>
        <location filename="../ui/main_window/single_instance.cpp" line="96"/>
        <source>cannot listen on %1: %2</source>
        <translation>kann nicht auf %1 lauschen: %2</translation>
    </message>
</context>
<context>
    <name>strata::ui::SqlConsole</name>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="26"/>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="27"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="28"/>
        <source>E&amp;xport result…</source>
        <translation>Ergebnis e&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="34"/>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="37"/>
        <source>Run (Ctrl+Enter)</source>
        <translation>Ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="38"/>
        <source>Stop the running statement (Esc)</source>
        <translation>Die laufende Anweisung anhalten (Esc)</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="42"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="71"/>
        <source>SQL statements; Ctrl+Enter runs them, Ctrl+Up and Ctrl+Down bring back earlier ones</source>
        <translation>SQL-Anweisungen; Strg+Eingabe führt sie aus, Strg+Hoch und Strg+Runter holen frühere zurück</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="107"/>
        <source>Canceling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="124"/>
        <source>Open a database first.</source>
        <translation>Bitte zuerst eine Datenbank öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="129"/>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="165"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="166"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="171"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="200"/>
        <source>Done: 1 row changed in %1</source>
        <translation>Fertig: 1 Zeile geändert in %1</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="201"/>
        <source>Done: %1 rows changed in %2</source>
        <translation>Fertig: %1 Zeilen geändert in %2</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="210"/>
        <source>%1 rows in %2; the first %3 are shown, Export result… writes all</source>
        <translation>%1 Zeilen in %2; die ersten %3 werden gezeigt, Ergebnis exportieren… schreibt alle</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="213"/>
        <source>1 row in %1</source>
        <translation>1 Zeile in %1</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="215"/>
        <source>%1 rows in %2</source>
        <translation>%1 Zeilen in %2</translation>
    </message>
</context>
<context>
    <name>strata::ui::TableDataModel</name>
    <message>
        <location filename="../ui/browser/table_data_model.cpp" line="295"/>
        <source>Canceled: the rows shown are those from before.</source>
        <translation>Abgebrochen: die gezeigten Zeilen sind die von vorher.</translation>
    </message>
    <message>
        <location filename="../ui/browser/table_data_model.cpp" line="512"/>
        <source>(1 byte)</source>
        <translation>(1 Byte)</translation>
    </message>
    <message>
        <location filename="../ui/browser/table_data_model.cpp" line="512"/>
        <source>(%1 bytes)</source>
        <translation>(%1 Bytes)</translation>
    </message>
</context>
<context>
    <name>strata::ui::TableListModel</name>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="87"/>
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="89"/>
        <source>NOT NULL</source>
        <translation>NOT NULL</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="91"/>
        <source>unique</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="93"/>
        <source>sensitive</source>
        <translation>vertraulich</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="113"/>
        <source> (primary key)</source>
        <translation> (Primärschlüssel)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="114"/>
        <source> (sensitive)</source>
        <translation> (vertraulich)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="139"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="141"/>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="143"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="145"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
</context>
</TS>
