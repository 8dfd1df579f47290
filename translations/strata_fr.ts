<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Choices</name>
    <message>
        <location filename="../ui/widgets/choices.cpp" line="10"/>
        <source>Comma ,</source>
        <translation>Virgule ,</translation>
    </message>
    <message>
        <location filename="../ui/widgets/choices.cpp" line="11"/>
        <source>Semicolon ;</source>
        <translation>Point-virgule ;</translation>
    </message>
    <message>
        <location filename="../ui/widgets/choices.cpp" line="12"/>
        <source>Tab</source>
        <translation>Tabulation</translation>
    </message>
    <message>
        <location filename="../ui/widgets/choices.cpp" line="13"/>
        <source>Bar |</source>
        <translation>Barre |</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="13"/>
        <source>Welcome to Strata</source>
        <translation>Bienvenue dans Strata</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="15"/>
        <source>Which database do you want to open?</source>
        <translation>Quelle base de données voulez-vous ouvrir ?</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="17"/>
        <source>A Strata database is a folder. To look around first, Strata can create a demo database with sample users, products, orders and map parcels in:
%1</source>
        <translation>Une base Strata est un dossier. Pour découvrir, Strata peut créer une base de démonstration avec des utilisateurs, produits, commandes et parcelles cartographiques d’exemple dans :
%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="22"/>
        <source>Create the &amp;demo database</source>
        <translation>Créer la base de &amp;démonstration</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="24"/>
        <source>&amp;Open or create a folder…</source>
        <translation>&amp;Ouvrir ou créer un dossier…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/first_start.cpp" line="35"/>
        <source>Open a Strata database folder (an empty folder becomes a new database)</source>
        <translation>Ouvrir un dossier de base Strata (un dossier vide devient une nouvelle base)</translation>
    </message>
</context>
<context>
    <name>FormatOption</name>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="58"/>
        <source>Preset</source>
        <translation>Préréglage</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="64"/>
        <source>Delimiter</source>
        <translation>Séparateur</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="70"/>
        <source>Quote</source>
        <translation>Guillemet</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="76"/>
        <source>Quoting</source>
        <translation>Guillemets</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="82"/>
        <source>Header line</source>
        <translation>Ligne d’en-tête</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="88"/>
        <source>Line ends</source>
        <translation>Fins de ligne</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="94"/>
        <source>Byte order mark</source>
        <translation>Indicateur d’ordre des octets (BOM)</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="100"/>
        <location filename="../engine/transfer/formats/markdown/markdown_format.cpp" line="170"/>
        <source>NULL as</source>
        <translation>NULL comme</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="106"/>
        <source>Formula guard</source>
        <translation>Protection des formules</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="112"/>
        <source>Booleans</source>
        <translation>Booléens</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/csv/csv_format.cpp" line="118"/>
        <source>Binary data</source>
        <translation>Données binaires</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/geojson/geojson_format.cpp" line="26"/>
        <source>Geometry column</source>
        <translation>Colonne de géométrie</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/geojson/geojson_format.cpp" line="32"/>
        <source>Longitude column</source>
        <translation>Colonne de longitude</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/geojson/geojson_format.cpp" line="38"/>
        <source>Latitude column</source>
        <translation>Colonne de latitude</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/geojson/geojson_format.cpp" line="44"/>
        <source>Invalid geometry</source>
        <translation>Géométrie invalide</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/json/json_format.cpp" line="28"/>
        <source>JSON lines (one row a line)</source>
        <translation>JSON Lines (une ligne par enregistrement)</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/json/json_format.cpp" line="34"/>
        <source>Line breaks</source>
        <translation>Sauts de ligne</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/sql/sql_format.cpp" line="48"/>
        <source>SQL dialect</source>
        <translation>Dialecte SQL</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/sql/sql_format.cpp" line="54"/>
        <source>Rows per INSERT</source>
        <translation>Lignes par INSERT</translation>
    </message>
    <message>
        <location filename="../engine/transfer/formats/markdown/markdown_format.cpp" line="176"/>
        <source>Numbers aligned right</source>
        <translation>Nombres alignés à droite</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="45"/>
        <source>Get data out of a database and back in.</source>
        <translation>Sortir les données d’une base et les y remettre.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="50"/>
        <source>A database folder to open (default: the last one, else the demo database), and files to import into it (CSV, JSON, SQL, SQLite, GeoJSON, zip) — as a file manager passes them.</source>
        <translation>Un dossier de base à ouvrir (par défaut : le dernier ouvert, sinon la base de démonstration) et des fichiers à y importer (CSV, JSON, SQL, SQLite, GeoJSON, zip) — tels qu’un gestionnaire de fichiers les transmet.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="57"/>
        <source>Show the window, report it on standard output and quit (installation checks).</source>
        <translation>Afficher la fenêtre, le signaler sur la sortie standard et quitter (vérification de l’installation).</translation>
    </message>
</context>
<context>
    <name>strata::ui::ExportDialog</name>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="64"/>
        <source>&amp;Whole database (backup)</source>
        <translation>&amp;Toute la base (sauvegarde)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="65"/>
        <source>&amp;Tables</source>
        <translation>&amp;Tables</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="66"/>
        <source>&amp;Query result</source>
        <translation>&amp;Résultat de requête</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="71"/>
        <source>Times in names in &amp;UTC</source>
        <translation>Heures des noms en &amp;UTC</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="72"/>
        <source>Pack into a &amp;zip with a manifest</source>
        <translation>Regrouper dans un &amp;zip avec un manifeste</translation>
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
        <translation>Requête à exporter</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="87"/>
        <source>Table / column</source>
        <translation>Table / colonne</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="87"/>
        <source>Filter (WHERE)</source>
        <translation>Filtre (WHERE)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="88"/>
        <source>Tables and columns to export</source>
        <translation>Tables et colonnes à exporter</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="102"/>
        <source>  (sensitive)</source>
        <translation>  (sensible)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="109"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="121"/>
        <source>Formats</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="150"/>
        <source>Options of the chosen formats</source>
        <translation>Options des formats choisis</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="155"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="158"/>
        <source>Destination folder</source>
        <translation>Dossier de destination</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="159"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="162"/>
        <source>Export into</source>
        <translation>Exporter dans</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="169"/>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="170"/>
        <source>Export them</source>
        <translation>Les exporter</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="171"/>
        <source>Leave them out</source>
        <translation>Les omettre</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="172"/>
        <source>Mask them (***)</source>
        <translation>Les masquer (***)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="173"/>
        <source>Sensitive columns</source>
        <translation>Colonnes sensibles</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="174"/>
        <source>Sensitive columns:</source>
        <translation>Colonnes sensibles :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="176"/>
        <source>empty: everything; a name: only what changed since its last run</source>
        <translation>vide : tout ; un nom : seulement ce qui a changé depuis sa dernière exécution</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="177"/>
        <source>Incremental profile</source>
        <translation>Profil incrémental</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="178"/>
        <source>Incremental profile:</source>
        <translation>Profil incrémental :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="180"/>
        <location filename="../ui/export/export_dialog.cpp" line="185"/>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="181"/>
        <source>Row limit</source>
        <translation>Limite de lignes</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="182"/>
        <source>At most rows:</source>
        <translation>Lignes au plus :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="184"/>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="186"/>
        <source>Size limit</source>
        <translation>Limite de taille</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="187"/>
        <source>At most:</source>
        <translation>Au plus :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="192"/>
        <source>Files that will be written</source>
        <translation>Fichiers qui seront écrits</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="194"/>
        <source>Will write:</source>
        <translation>Écrira :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="198"/>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="199"/>
        <source>Save as &amp;profile…</source>
        <translation>Enregistrer comme &amp;profil…</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="200"/>
        <source>Keep these choices under a name, to run them again with one click from File &gt; Export profiles</source>
        <translation>Garder ces choix sous un nom, pour les relancer d’un clic depuis Fichier &gt; Profils d’export</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="205"/>
        <location filename="../ui/export/export_dialog.cpp" line="211"/>
        <source>Save as profile</source>
        <translation>Enregistrer comme profil</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="205"/>
        <source>Profile name:</source>
        <translation>Nom du profil :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="212"/>
        <source>A profile named %1 exists. Replace it?</source>
        <translation>Un profil nommé %1 existe. Le remplacer ?</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="326"/>
        <source>Working out the file names…</source>
        <translation>Calcul des noms de fichiers…</translation>
    </message>
</context>
<context>
    <name>strata::ui::FormatOptionsPanel</name>
    <message>
        <location filename="../ui/export/format_options.cpp" line="37"/>
        <source>as the preset</source>
        <translation>comme le préréglage</translation>
    </message>
    <message>
        <location filename="../ui/export/format_options.cpp" line="65"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../ui/export/format_options.cpp" line="66"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../ui/export/format_options.cpp" line="137"/>
        <source>This format has no options.</source>
        <translation>Ce format n’a pas d’options.</translation>
    </message>
</context>
<context>
    <name>strata::ui::GridView</name>
    <message>
        <location filename="../ui/browser/grid_view.cpp" line="61"/>
        <source>Rows</source>
        <translation>Lignes</translation>
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
        <translation>Restauration</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="27"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="29"/>
        <source>Canceled: nothing was kept</source>
        <translation>Annulé : rien n’a été conservé</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="31"/>
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
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
        <translation>%1 par %2</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="141"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="148"/>
        <source>%1 and %2 more</source>
        <translation>%1 et %2 de plus</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="168"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="170"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="172"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="174"/>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="176"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../ui/history/history_model.cpp" line="178"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
</context>
<context>
    <name>strata::ui::ImportDialog</name>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="49"/>
        <source>&amp;Compare with the database</source>
        <translation>&amp;Comparer avec la base</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="54"/>
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="58"/>
        <source>Preview of the first rows</source>
        <translation>Aperçu des premières lignes</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="61"/>
        <source>Target table</source>
        <translation>Table cible</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="62"/>
        <source>Import mode</source>
        <translation>Mode d&apos;import</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="63"/>
        <source>Create a new table</source>
        <translation>Créer une nouvelle table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="64"/>
        <location filename="../ui/import/import_dialog.cpp" line="565"/>
        <source>Append to the table</source>
        <translation>Ajouter à la table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="65"/>
        <location filename="../ui/import/import_dialog.cpp" line="564"/>
        <source>Replace the table&apos;s rows</source>
        <translation>Remplacer les lignes de la table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="66"/>
        <source>Merge by primary key</source>
        <translation>Fusionner par clé primaire</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="67"/>
        <source>When a row cannot be imported</source>
        <translation>Quand une ligne ne peut pas être importée</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="68"/>
        <source>Stop and import nothing</source>
        <translation>Arrêter et ne rien importer</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="69"/>
        <source>Skip it (rejects file)</source>
        <translation>L&apos;ignorer (fichier des rejets)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="71"/>
        <source>Delimiter</source>
        <translation>Séparateur</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="72"/>
        <location filename="../ui/import/import_dialog.cpp" line="74"/>
        <location filename="../ui/import/import_dialog.cpp" line="78"/>
        <source>Detect</source>
        <translation>Détecter</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="73"/>
        <source>Header line</source>
        <translation>Ligne d’en-tête</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="75"/>
        <source>First line names the columns</source>
        <translation>La première ligne nomme les colonnes</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="76"/>
        <source>First line is data</source>
        <translation>La première ligne contient des données</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="77"/>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="81"/>
        <source>Quotes inside quoted fields</source>
        <translation>Guillemets dans les champs entre guillemets</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="82"/>
        <source>Doubled (&quot;&quot;)</source>
        <translation>Doublés (&quot;&quot;)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="83"/>
        <source>Backslash (\&quot;, as MySQL writes)</source>
        <translation>Barre oblique inverse (\&quot;, comme l’écrit MySQL)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="85"/>
        <source>Delimiter:</source>
        <translation>Séparateur :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="87"/>
        <source>Header:</source>
        <translation>En-tête :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="89"/>
        <source>Encoding:</source>
        <translation>Encodage :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="91"/>
        <source>Quotes:</source>
        <translation>Guillemets :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="98"/>
        <source>Columns the whole file widens</source>
        <translation>Colonnes que le fichier entier élargit</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="104"/>
        <source>Tables to restore</source>
        <translation>Tables à restaurer</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="107"/>
        <source>Comparison of the backup with the database</source>
        <translation>Comparaison de la sauvegarde avec la base</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="109"/>
        <source>What the restore would change, table by table (nothing changes until you import)</source>
        <translation>Ce que la restauration changerait, table par table (rien ne change avant l’import)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="111"/>
        <source>Reads the whole backup and reports, without changing anything, what a restore with these choices would do</source>
        <translation>Lit toute la sauvegarde et indique, sans rien changer, ce que ferait une restauration avec ces choix</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="117"/>
        <source>Tables to restore:</source>
        <translation>Tables à restaurer :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="121"/>
        <source>Without this, tables of the database that the backup does not hold are left as they are. Either way, the database as it was is backed up first.</source>
        <translation>Sans cette option, les tables de la base absentes de la sauvegarde restent telles quelles. Dans tous les cas, la base est d&apos;abord sauvegardée.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="131"/>
        <source>&amp;Table:</source>
        <translation>&amp;Table :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="132"/>
        <source>&amp;Mode:</source>
        <translation>&amp;Mode :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="133"/>
        <source>&amp;Bad rows:</source>
        <translation>Lignes &amp;invalides :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="202"/>
        <source>Reading the file…</source>
        <translation>Lecture du fichier…</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="446"/>
        <source>into</source>
        <translation>vers</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="462"/>
        <source>(choose a column)</source>
        <translation>(choisir une colonne)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="463"/>
        <source>(leave out)</source>
        <translation>(ignorer)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="468"/>
        <source>Table column for %1</source>
        <translation>Colonne de la table pour %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="492"/>
        <source>Table %1 has no column named %2: choose where it goes, or leave it out.</source>
        <translation>La table %1 n’a pas de colonne nommée %2 : choisissez où elle va, ou ignorez-la.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="496"/>
        <source>Two file columns go into %1.</source>
        <translation>Deux colonnes du fichier vont dans %1.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="505"/>
        <source>No file column goes into %1, which cannot be empty.</source>
        <translation>Aucune colonne du fichier ne va dans %1, qui ne peut pas être vide.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="508"/>
        <source>Left empty (or their default): %1.</source>
        <translation>Laissées vides (ou à leur valeur par défaut) : %1.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="514"/>
        <source>Wait until the file&apos;s first rows are read.</source>
        <translation>Attendez que les premières lignes du fichier soient lues.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="516"/>
        <source>Wait until every table of the backup is listed.</source>
        <translation>Attendez que toutes les tables de la sauvegarde soient listées.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="572"/>
        <source>Replace the chosen tables</source>
        <translation>Remplacer les tables choisies</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="572"/>
        <source>Replace the backup&apos;s tables</source>
        <translation>Remplacer les tables de la sauvegarde</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="576"/>
        <source>Append the backup&apos;s rows</source>
        <translation>Ajouter les lignes de la sauvegarde</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="593"/>
        <source>created</source>
        <translation>créée</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="595"/>
        <source>appended</source>
        <translation>complétée</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="597"/>
        <source>replaced</source>
        <translation>remplacée</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="599"/>
        <source>merged</source>
        <translation>fusionnée</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="601"/>
        <source>dropped</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="654"/>
        <source>%1 (1 row)</source>
        <translation>%1 (1 ligne)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="655"/>
        <source>%1 (%2 rows)</source>
        <translation>%1 (%2 lignes)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="665"/>
        <source>Reading the backup for all its tables…</source>
        <translation>Lecture de la sauvegarde pour toutes ses tables…</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="679"/>
        <source>Cannot read the whole backup: %1</source>
        <translation>Impossible de lire toute la sauvegarde : %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="692"/>
        <source>The backup holds %1 tables with %2 rows.</source>
        <translation>La sauvegarde contient %1 tables et %2 lignes.</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="725"/>
        <source>Reading the backup…</source>
        <translation>Lecture de la sauvegarde…</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="732"/>
        <source>The restore would fail: %1</source>
        <translation>La restauration échouerait : %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="743"/>
        <source>%1: dropped (%2 rows)</source>
        <translation>%1 : supprimée (%2 lignes)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="746"/>
        <source>%1: created with %2 rows</source>
        <translation>%1 : créée avec %2 lignes</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="748"/>
        <source>%1: %2, %3 → %4 rows</source>
        <translation>%1 : %2, %3 → %4 lignes</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="136"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="48"/>
        <source>Also &amp;drop the tables the backup does not hold</source>
        <translation>Supprimer &amp;aussi les tables absentes de la sauvegarde</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="55"/>
        <source>Import %1 files</source>
        <translation>Importer %1 fichiers</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="226"/>
        <source>Cannot read this file: %1</source>
        <translation>Impossible de lire ce fichier : %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="237"/>
        <source>Format: %1</source>
        <translation>Format : %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="256"/>
        <source>A backup; the preview shows %1</source>
        <translation>Une sauvegarde ; l’aperçu montre %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="364"/>
        <source>line %1</source>
        <translation>ligne %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="365"/>
        <source>%1 is %2 because of %3: %4</source>
        <translation>%1 est %2 à cause de %3 : %4</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="375"/>
        <source>Read %1 as empty</source>
        <translation>Lire %1 comme vide</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="376"/>
        <source>Every field %1 in the file becomes NULL, and the column&apos;s type is worked out again</source>
        <translation>Chaque champ %1 du fichier devient NULL, et le type de la colonne est recalculé</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="386"/>
        <source>Keep %1, reject such rows</source>
        <translation>Garder %1, rejeter ces lignes</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="387"/>
        <source>The column stays %1; rows whose value is not one go to a rejects file instead of the table</source>
        <translation>La colonne reste %1 ; les lignes dont la valeur n’en est pas une vont dans un fichier de rejets au lieu de la table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="418"/>
        <location filename="../ui/import/import_dialog.cpp" line="429"/>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="436"/>
        <source>Type of %1</source>
        <translation>Type de %1</translation>
    </message>
</context>
<context>
    <name>strata::ui::JobList</name>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="87"/>
        <source>1 file, %1 rows</source>
        <translation>1 fichier, %1 lignes</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="88"/>
        <source>%1 files, %2 rows</source>
        <translation>%1 fichiers, %2 lignes</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="107"/>
        <source>%1: %2 rows now (from %3)</source>
        <translation>%1 : %2 lignes maintenant (depuis %3)</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="122"/>
        <source>%1 rows imported, %2 rejected</source>
        <translation>%1 lignes importées, %2 rejetées</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="125"/>
        <source>%1 rows imported</source>
        <translation>%1 lignes importées</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="132"/>
        <source>; the database as it was is kept in %1</source>
        <translation> ; la base telle qu’elle était est conservée dans %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="337"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="339"/>
        <source>Canceled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="352"/>
        <source>%1 rows/s</source>
        <translation>%1 lignes/s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="355"/>
        <source>%1 · %2 MB/s</source>
        <translation>%1 · %2 Mo/s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="359"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="365"/>
        <source>%1 (about %2 s left)</source>
        <translation>%1 (environ %2 s restantes)</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="370"/>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="374"/>
        <source>canceled — nothing was kept</source>
        <translation>annulé — rien n’a été conservé</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="376"/>
        <source>failed: %1</source>
        <translation>échec : %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="387"/>
        <source>%1
Double-click to open its folder; right-click to copy the path</source>
        <translation>%1
Double-clic pour ouvrir son dossier ; clic droit pour copier le chemin</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="398"/>
        <source>Rejected rows: %1</source>
        <translation>Lignes rejetées : %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="400"/>
        <source>The database as it was: %1</source>
        <translation>La base telle qu’elle était : %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="402"/>
        <source>Error: %1</source>
        <translation>Erreur : %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="412"/>
        <source>in %1</source>
        <translation>dans %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="425"/>
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="427"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="429"/>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="431"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="433"/>
        <source>Speed</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="435"/>
        <source>Elapsed</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="437"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
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
        <translation>Tables</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="168"/>
        <source>Rows of the selected table</source>
        <translation>Lignes de la table sélectionnée</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="174"/>
        <source>Filter: a WHERE condition, e.g. age &gt; 30 AND name LIKE &apos;A%&apos;</source>
        <translation>Filtre : une condition WHERE, p. ex. age &gt; 30 AND name LIKE &apos;A%&apos;</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="175"/>
        <source>Row filter</source>
        <translation>Filtre des lignes</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="205"/>
        <location filename="../ui/main_window/main_window.cpp" line="470"/>
        <source>&amp;Data</source>
        <translation>&amp;Données</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="206"/>
        <source>&amp;SQL</source>
        <translation>&amp;SQL</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="215"/>
        <source>History of exports and imports</source>
        <translation>Historique des exports et imports</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="216"/>
        <source>Double-click an entry (or press Enter) to open the folder of its first file</source>
        <translation>Double-cliquez sur une entrée (ou appuyez sur Entrée) pour ouvrir le dossier de son premier fichier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="231"/>
        <location filename="../ui/main_window/main_window.cpp" line="483"/>
        <source>&amp;History</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="306"/>
        <location filename="../ui/main_window/main_window.cpp" line="332"/>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="370"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="371"/>
        <source>&amp;Open database…</source>
        <translation>&amp;Ouvrir une base…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="272"/>
        <location filename="../ui/main_window/main_window.cpp" line="373"/>
        <source>Open &amp;recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="568"/>
        <source>(none yet)</source>
        <translation>(aucun pour l’instant)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="200"/>
        <location filename="../ui/main_window/main_window.cpp" line="376"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="86"/>
        <source>%1 and %2 more</source>
        <translation>%1 et %2 de plus</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="195"/>
        <source>This database has no tables yet.
Drop a CSV, JSON, SQL, SQLite, GeoJSON or zip file here, or import one.</source>
        <translation>Cette base n’a pas encore de table.
Déposez ici un fichier CSV, JSON, SQL, SQLite, GeoJSON ou zip, ou importez-en un.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="253"/>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="254"/>
        <source>Open the database again, for writing if it is free now</source>
        <translation>Rouvrir la base, en écriture si elle est libre maintenant</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="270"/>
        <source>&amp;Open a database…</source>
        <translation>&amp;Ouvrir une base…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="277"/>
        <source>Open the &amp;demo database</source>
        <translation>Ouvrir la base de &amp;démonstration</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="278"/>
        <source>Sample users, products, orders and map parcels, created in %1 when it is not there yet</source>
        <translation>Utilisateurs, produits, commandes et parcelles d’exemple, créés dans %1 s’ils n’y sont pas encore</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="289"/>
        <source>Opening the database</source>
        <translation>Ouverture de la base</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="292"/>
        <location filename="../ui/main_window/main_window.cpp" line="347"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="293"/>
        <source>Stop waiting for this database</source>
        <translation>Ne plus attendre cette base</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="296"/>
        <source>Opening %1 was canceled.</source>
        <translation>L’ouverture de %1 a été annulée.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="328"/>
        <source>Double-click a file to open its folder, or a failed job to read its error in full; right-click to copy a path</source>
        <translation>Double-cliquez sur un fichier pour ouvrir son dossier, ou sur une tâche échouée pour lire toute l’erreur ; clic droit pour copier un chemin</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="345"/>
        <source>Reading rows</source>
        <translation>Lecture des lignes</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="348"/>
        <source>Stop reading: the rows shown before stay</source>
        <translation>Arrêter la lecture : les lignes affichées restent</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="381"/>
        <source>Import files</source>
        <translation>Importer des fichiers</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="382"/>
        <source>Data files (%1);;All files (*)</source>
        <translation>Fichiers de données (%1);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="387"/>
        <location filename="../ui/main_window/main_window.cpp" line="1132"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="389"/>
        <source>Export table as &amp;CSV</source>
        <translation>Exporter la table en &amp;CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="391"/>
        <source>Export &amp;profiles</source>
        <translation>&amp;Profils d’export</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="399"/>
        <source>(none yet: use Save as profile in the Export dialog)</source>
        <translation>(aucun : utilisez « Enregistrer comme profil » dans la fenêtre d’export)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="404"/>
        <source>&amp;Edit</source>
        <translation>&amp;Modifier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="411"/>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="415"/>
        <source>&amp;Backup now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="418"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="423"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="430"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="432"/>
        <source>&amp;Cancel job</source>
        <translation>&amp;Annuler la tâche</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="433"/>
        <source>Cancel the jobs selected in the Jobs panel (Delete there)</source>
        <translation>Annuler les tâches choisies dans le panneau Tâches (Suppr)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="444"/>
        <source>Open &amp;folder</source>
        <translation>Ouvrir le &amp;dossier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="446"/>
        <source>&amp;Copy path</source>
        <translation>&amp;Copier le chemin</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="450"/>
        <source>Copy &amp;text</source>
        <translation>Copier le &amp;texte</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="464"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="469"/>
        <source>&amp;Tables</source>
        <translation>&amp;Tables</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="474"/>
        <source>&amp;Filter</source>
        <translation>&amp;Filtre</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="479"/>
        <source>&amp;SQL console</source>
        <translation>Console &amp;SQL</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="487"/>
        <source>&amp;Jobs</source>
        <translation>Tâ&amp;ches</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="507"/>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="540"/>
        <location filename="../ui/main_window/main_window.cpp" line="733"/>
        <source>No database is open.</source>
        <translation>Aucune base n’est ouverte.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="557"/>
        <source>Open a Strata database folder (an empty folder becomes a new database)</source>
        <translation>Ouvrir un dossier de base Strata (un dossier vide devient une nouvelle base)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="576"/>
        <location filename="../ui/main_window/main_window.cpp" line="580"/>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="630"/>
        <source>%1 is not a Strata database, and it is not empty.</source>
        <translation>%1 n’est pas une base Strata et n’est pas vide.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="634"/>
        <source>Strata can make a new database in this folder, beside what is there.</source>
        <translation>Strata peut créer une nouvelle base dans ce dossier, à côté de ce qui s’y trouve.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="635"/>
        <source>Strata can import what is in it (%1) into the database open now, or make a new database in this folder.</source>
        <translation>Strata peut importer son contenu (%1) dans la base ouverte, ou créer une nouvelle base dans ce dossier.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="641"/>
        <source>&amp;Import these files…</source>
        <translation>&amp;Importer ces fichiers…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="642"/>
        <source>&amp;Make a database here</source>
        <translation>&amp;Créer une base ici</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="655"/>
        <location filename="../ui/main_window/main_window.cpp" line="657"/>
        <source>%1 was left as it is.</source>
        <translation>%1 est resté tel quel.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="688"/>
        <source>it was opened read-only</source>
        <translation>elle a été ouverte en lecture seule</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="691"/>
        <source>&lt;b&gt;Read-only.&lt;/b&gt; %1. You can look and export; importing and dropping tables wait until it can be written.</source>
        <translation>&lt;b&gt;Lecture seule.&lt;/b&gt; %1. Vous pouvez consulter et exporter ; l’import et la suppression de tables attendent qu’elle soit inscriptible.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="698"/>
        <source>Listing the tables of %1…</source>
        <translation>Liste des tables de %1…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="705"/>
        <source>Database recovered</source>
        <translation>Base de données récupérée</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="706"/>
        <source>%1 was not closed cleanly. Every whole commit is there; this was set aside:
%2</source>
        <translation>%1 n&apos;a pas été fermée proprement. Chaque validation complète est là ; ceci a été mis de côté :
%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1060"/>
        <source>Export of %1</source>
        <translation>Export de %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1061"/>
        <source>Export of %1 tables</source>
        <translation>Export de %1 tables</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1092"/>
        <source>Import of %1 files</source>
        <translation>Import de %1 fichiers</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1122"/>
        <source>Copied: %1</source>
        <translation>Copié : %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1144"/>
        <source>Drop table %1 and all its rows? A copy is kept in %2, and Import brings it back.</source>
        <translation>Supprimer la table %1 et toutes ses lignes ? Une copie est gardée dans %2, et Importer la rétablit.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1196"/>
        <source>Dropped table %1; a copy is kept in %2 (Import brings it back)</source>
        <translation>Table %1 supprimée ; une copie est gardée dans %2 (Importer la rétablit)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="629"/>
        <location filename="../ui/main_window/main_window.cpp" line="666"/>
        <source>Open database</source>
        <translation>Ouvrir une base</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="662"/>
        <source>Cannot open %1:
%2</source>
        <translation>Impossible d’ouvrir %1 :
%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="864"/>
        <source>%1 · last commit %2%3</source>
        <translation>%1 · dernier commit %2%3</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="865"/>
        <source> · read-only</source>
        <translation> · lecture seule</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="866"/>
        <source>Cannot list tables: %1</source>
        <translation>Impossible de lister les tables : %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="929"/>
        <source>%1: filtered by %2</source>
        <translation>%1 : filtré par %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="944"/>
        <source>The filter does not work: %1</source>
        <translation>Le filtre ne fonctionne pas : %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="211"/>
        <source>Cannot read the history: %1</source>
        <translation>Impossible de lire l’historique : %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="756"/>
        <location filename="../ui/main_window/main_window.cpp" line="885"/>
        <location filename="../ui/main_window/main_window.cpp" line="1153"/>
        <source>The database is read-only: %1</source>
        <translation>La base est en lecture seule : %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="768"/>
        <source>Quit Strata</source>
        <translation>Quitter Strata</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="768"/>
        <source>A job is still running.</source>
        <translation>Une tâche est encore en cours.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="770"/>
        <source>Strata can quit once the jobs are done, or cancel them (a canceled job keeps nothing: no partial file, no partial import) and quit.</source>
        <translation>Strata peut quitter une fois les tâches terminées, ou les annuler (une tâche annulée ne laisse rien : ni fichier partiel, ni import partiel) et quitter.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="773"/>
        <source>&amp;Quit when done</source>
        <translation>&amp;Quitter une fois terminé</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="774"/>
        <source>&amp;Cancel the jobs and quit</source>
        <translation>&amp;Annuler les tâches et quitter</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="775"/>
        <source>&amp;Keep working</source>
        <translation>&amp;Continuer à travailler</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="790"/>
        <source>Canceling the jobs; Strata quits when they have stopped.</source>
        <translation>Annulation des tâches ; Strata quitte quand elles sont arrêtées.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="791"/>
        <source>Strata quits when the jobs are done.</source>
        <translation>Strata quitte quand les tâches sont terminées.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="881"/>
        <source>Open a database first.</source>
        <translation>Ouvrez d’abord une base.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="945"/>
        <source>The filter does not work: %1 — here: %2▸%3</source>
        <translation>Le filtre ne fonctionne pas : %1 — ici : %2▸%3</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1021"/>
        <source>Backup of %1</source>
        <translation>Sauvegarde de %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1030"/>
        <source>Select a table to export first.</source>
        <translation>Sélectionnez d&apos;abord une table à exporter.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1042"/>
        <source>%1 as CSV</source>
        <translation>%1 en CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1057"/>
        <source>Export of the database</source>
        <translation>Export de la base</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1058"/>
        <source>Export of a query</source>
        <translation>Export d&apos;une requête</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1073"/>
        <source>There is no export profile named %1.</source>
        <translation>Aucun profil d’export nommé %1.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1076"/>
        <source>Export profile %1</source>
        <translation>Profil d’export %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1091"/>
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1133"/>
        <source>Export as &amp;CSV</source>
        <translation>Exporter en &amp;CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1134"/>
        <source>&amp;Import into…</source>
        <translation>&amp;Importer dans…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1136"/>
        <source>Import into %1</source>
        <translation>Importer dans %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1141"/>
        <source>&amp;Drop…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1143"/>
        <source>Drop table</source>
        <translation>Supprimer la table</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="1168"/>
        <source>Dropping table %1…</source>
        <translation>Suppression de la table %1…</translation>
    </message>
</context>
<context>
    <name>strata::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="22"/>
        <source>Times in file names in &amp;UTC (default: local time)</source>
        <translation>Heures des noms de fichiers en &amp;UTC (sinon heure locale)</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="27"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="34"/>
        <source>Default export folder</source>
        <translation>Dossier d’export par défaut</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="35"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="38"/>
        <source>Export folder</source>
        <translation>Dossier d’export</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="51"/>
        <source>Default CSV preset</source>
        <translation>Préréglage CSV par défaut</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="53"/>
        <source>all</source>
        <translation>tous</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="55"/>
        <source>Files of each kind to keep</source>
        <translation>Fichiers de chaque sorte à garder</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="56"/>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="61"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="64"/>
        <source>Export folder:</source>
        <translation>Dossier d’export :</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="66"/>
        <source>CSV preset:</source>
        <translation>Préréglage CSV :</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="67"/>
        <source>Keep the newest (older go to archive/):</source>
        <translation>Garder les plus récents (les autres vont dans archive/) :</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="68"/>
        <source>Language (at the next start):</source>
        <translation>Langue (au prochain démarrage) :</translation>
    </message>
</context>
<context>
    <name>strata::ui::SingleInstance</name>
    <message>
        <location filename="../ui/main_window/single_instance.cpp" line="66"/>
        <source>%1 stayed locked</source>
        <translation>%1 est resté verrouillé</translation>
    </message>
    <message>
        <location filename="../ui/main_window/single_instance.cpp" line="96"/>
        <source>cannot listen on %1: %2</source>
        <translation>impossible d’écouter sur %1 : %2</translation>
    </message>
</context>
<context>
    <name>strata::ui::SqlConsole</name>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="26"/>
        <source>&amp;Run</source>
        <translation>&amp;Exécuter</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="27"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="28"/>
        <source>E&amp;xport result…</source>
        <translation>E&amp;xporter le résultat…</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="34"/>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="37"/>
        <source>Run (Ctrl+Enter)</source>
        <translation>Exécuter (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="38"/>
        <source>Stop the running statement (Esc)</source>
        <translation>Arrêter l’instruction en cours (Échap)</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="42"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="71"/>
        <source>SQL statements; Ctrl+Enter runs them, Ctrl+Up and Ctrl+Down bring back earlier ones</source>
        <translation>Instructions SQL ; Ctrl+Entrée les exécute, Ctrl+Haut et Ctrl+Bas rappellent les précédentes</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="107"/>
        <source>Canceling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="124"/>
        <source>Open a database first.</source>
        <translation>Ouvrez d’abord une base.</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="129"/>
        <source>Running…</source>
        <translation>En cours…</translation>
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
        <translation>Erreur : %1</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="200"/>
        <source>Done: 1 row changed in %1</source>
        <translation>Terminé : 1 ligne modifiée en %1</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="201"/>
        <source>Done: %1 rows changed in %2</source>
        <translation>Terminé : %1 lignes modifiées en %2</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="210"/>
        <source>%1 rows in %2; the first %3 are shown, Export result… writes all</source>
        <translation>%1 lignes en %2 ; les %3 premières sont affichées, Exporter le résultat… les écrit toutes</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="213"/>
        <source>1 row in %1</source>
        <translation>1 ligne en %1</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="215"/>
        <source>%1 rows in %2</source>
        <translation>%1 lignes en %2</translation>
    </message>
</context>
<context>
    <name>strata::ui::TableDataModel</name>
    <message>
        <location filename="../ui/browser/table_data_model.cpp" line="295"/>
        <source>Canceled: the rows shown are those from before.</source>
        <translation>Annulé : les lignes affichées sont celles d’avant.</translation>
    </message>
    <message>
        <location filename="../ui/browser/table_data_model.cpp" line="512"/>
        <source>(1 byte)</source>
        <translation>(1 octet)</translation>
    </message>
    <message>
        <location filename="../ui/browser/table_data_model.cpp" line="512"/>
        <source>(%1 bytes)</source>
        <translation>(%1 octets)</translation>
    </message>
</context>
<context>
    <name>strata::ui::TableListModel</name>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="87"/>
        <source>key</source>
        <translation>clé</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="89"/>
        <source>NOT NULL</source>
        <translation>NOT NULL</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="91"/>
        <source>unique</source>
        <translation>unique</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="93"/>
        <source>sensitive</source>
        <translation>sensible</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="113"/>
        <source> (primary key)</source>
        <translation> (clé primaire)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="114"/>
        <source> (sensitive)</source>
        <translation> (sensible)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="139"/>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="141"/>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="143"/>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="145"/>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
</context>
</TS>
