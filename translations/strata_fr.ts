<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../ui/jobs/job_list.cpp" line="75" />
        <source>%n file(s), %1 rows</source>
        <translation>
            <numerusform>%n fichier, %1 lignes</numerusform>
            <numerusform>%n fichiers, %1 lignes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="101" />
        <source>%1 rows imported, %2 rejected</source>
        <translation>%1 lignes importées, %2 rejetées</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="104" />
        <source>%1 rows imported</source>
        <translation>%1 lignes importées</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="40" />
        <source>Get data out of a database and back in.</source>
        <translation>Sortir les données d’une base et les y remettre.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="45" />
        <source>Database folder to open (default: the demo database).</source>
        <translation>Dossier de base de données à ouvrir (par défaut : la base de démonstration).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="64" />
        <source>Cannot open %1:
%2</source>
        <translation>Impossible d’ouvrir %1 :
%2</translation>
    </message>
</context>
<context>
    <name>strata::ui::ExportDialog</name>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="39" />
        <source>&amp;Whole database (backup)</source>
        <translation>&amp;Toute la base (sauvegarde)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="40" />
        <source>&amp;Tables</source>
        <translation>&amp;Tables</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="41" />
        <source>&amp;Query result</source>
        <translation>&amp;Résultat de requête</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="47" />
        <source>JSON &amp;lines (one row a line)</source>
        <translation>JSON &amp;lignes (une ligne par enregistrement)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="48" />
        <source>Times in names in &amp;UTC</source>
        <translation>Heures des noms en &amp;UTC</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="49" />
        <source>Pack into a &amp;zip with a manifest</source>
        <translation>Regrouper dans un &amp;zip avec un manifeste</translation>
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
        <translation>Requête à exporter</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="63" />
        <source>Table / column</source>
        <translation>Table / colonne</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="63" />
        <source>Filter (WHERE)</source>
        <translation>Filtre (WHERE)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="64" />
        <source>Tables and columns to export</source>
        <translation>Tables et colonnes à exporter</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="78" />
        <source>  (sensitive)</source>
        <translation>  (sensible)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="85" />
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="97" />
        <source>Formats</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="115" />
        <source>CSV preset</source>
        <translation>Préréglage CSV</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="120" />
        <source>SQL dialect</source>
        <translation>Dialecte SQL</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="123" />
        <source>CSV preset:</source>
        <translation>Préréglage CSV :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="124" />
        <source>SQL dialect:</source>
        <translation>Dialecte SQL :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="128" />
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="131" />
        <source>Destination folder</source>
        <translation>Dossier de destination</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="132" />
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="135" />
        <source>Export into</source>
        <translation>Exporter dans</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="142" />
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="143" />
        <source>Export them</source>
        <translation>Les exporter</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="144" />
        <source>Leave them out</source>
        <translation>Les omettre</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="145" />
        <source>Mask them (***)</source>
        <translation>Les masquer (***)</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="146" />
        <source>Sensitive columns</source>
        <translation>Colonnes sensibles</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="147" />
        <source>Sensitive columns:</source>
        <translation>Colonnes sensibles :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="149" />
        <source>empty: everything; a name: only what changed since its last run</source>
        <translation>vide : tout ; un nom : seulement ce qui a changé depuis sa dernière exécution</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="150" />
        <source>Incremental profile</source>
        <translation>Profil incrémental</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="151" />
        <source>Incremental profile:</source>
        <translation>Profil incrémental :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="153" />
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="154" />
        <source>Row limit</source>
        <translation>Limite de lignes</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="155" />
        <source>At most rows:</source>
        <translation>Lignes au plus :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="160" />
        <source>Files that will be written</source>
        <translation>Fichiers qui seront écrits</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="162" />
        <source>Will write:</source>
        <translation>Écrira :</translation>
    </message>
    <message>
        <location filename="../ui/export/export_dialog.cpp" line="165" />
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
</context>
<context>
    <name>strata::ui::ImportDialog</name>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="31" />
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/import/import_dialog.cpp" line="32" />
        <source>Import %n file(s)</source>
        <translation>
            <numerusform>Importer %n fichier</numerusform>
            <numerusform>Importer %n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="35" />
        <source>Preview of the first rows</source>
        <translation>Aperçu des premières lignes</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="38" />
        <source>Target table</source>
        <translation>Table cible</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="39" />
        <source>Import mode</source>
        <translation>Mode d'import</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="40" />
        <source>Create a new table</source>
        <translation>Créer une nouvelle table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="41" />
        <source>Append to the table</source>
        <translation>Ajouter à la table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="42" />
        <source>Replace the table's rows</source>
        <translation>Remplacer les lignes de la table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="43" />
        <source>Merge by primary key</source>
        <translation>Fusionner par clé primaire</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="44" />
        <source>When a row cannot be imported</source>
        <translation>Quand une ligne ne peut pas être importée</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="45" />
        <source>Stop and import nothing</source>
        <translation>Arrêter et ne rien importer</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="46" />
        <source>Skip it (rejects file)</source>
        <translation>L'ignorer (fichier des rejets)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="48" />
        <source>Delimiter</source>
        <translation>Séparateur</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="49" />
        <location filename="../ui/import/import_dialog.cpp" line="55" />
        <location filename="../ui/import/import_dialog.cpp" line="59" />
        <source>Detect</source>
        <translation>Détecter</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="50" />
        <source>Comma ,</source>
        <translation>Virgule ,</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="51" />
        <source>Semicolon ;</source>
        <translation>Point-virgule ;</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="52" />
        <source>Tab</source>
        <translation>Tabulation</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="53" />
        <source>Bar |</source>
        <translation>Barre |</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="54" />
        <source>Header line</source>
        <translation>Ligne d’en-tête</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="56" />
        <source>First line names the columns</source>
        <translation>La première ligne nomme les colonnes</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="57" />
        <source>First line is data</source>
        <translation>La première ligne contient des données</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="58" />
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="63" />
        <source>Delimiter:</source>
        <translation>Séparateur :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="65" />
        <source>Header:</source>
        <translation>En-tête :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="67" />
        <source>Encoding:</source>
        <translation>Encodage :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="74" />
        <source>Table:</source>
        <translation>Table :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="75" />
        <source>Mode:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="76" />
        <source>Bad rows:</source>
        <translation>Lignes erronées :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="78" />
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="125" />
        <source>Cannot read this file: %1</source>
        <translation>Impossible de lire ce fichier : %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="135" />
        <source>Format: %1</source>
        <translation>Format : %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/import/import_dialog.cpp" line="143" />
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="152" />
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="166" />
        <source>Type of %1</source>
        <translation>Type de %1</translation>
    </message>
</context>
<context>
    <name>strata::ui::JobList</name>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="209" />
        <source>%1 rows/s</source>
        <translation>%1 lignes/s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="219" />
        <source>%1 (about %2 s left)</source>
        <translation>%1 (environ %2 s restantes)</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="224" />
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="228" />
        <source>canceled — nothing was kept</source>
        <translation>annulé — rien n’a été conservé</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="230" />
        <source>failed: %1</source>
        <translation>échec : %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="242" />
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="244" />
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="246" />
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="248" />
        <source>Speed</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="250" />
        <source>Elapsed</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="252" />
        <source>Outcome</source>
        <translation>Résultat</translation>
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
        <translation>Tables</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="92" />
        <source>Rows of the selected table</source>
        <translation>Lignes de la table sélectionnée</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="97" />
        <source>Filter: a WHERE condition, e.g. age &gt; 30 AND name LIKE 'A%'</source>
        <translation>Filtre : une condition WHERE, p. ex. age &gt; 30 AND name LIKE 'A%'</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="98" />
        <source>Row filter</source>
        <translation>Filtre des lignes</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="114" />
        <source>&amp;Data</source>
        <translation>&amp;Données</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="115" />
        <source>&amp;SQL</source>
        <translation>&amp;SQL</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="119" />
        <source>History of exports and imports</source>
        <translation>Historique des exports et imports</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="121" />
        <source>&amp;History</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="134" />
        <location filename="../ui/main_window/main_window.cpp" line="146" />
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="141" />
        <source>Double-click a finished job to open its folder, or to read its error in full</source>
        <translation>Double-cliquez sur une tâche terminée pour ouvrir son dossier ou lire son erreur en entier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="153" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="154" />
        <source>&amp;Open database…</source>
        <translation>&amp;Ouvrir une base…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="155" />
        <source>Open a Strata database folder</source>
        <translation>Ouvrir un dossier de base Strata</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="161" />
        <source>Open &amp;recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="167" />
        <source>(none yet)</source>
        <translation>(aucun pour l’instant)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="170" />
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="172" />
        <source>Import files</source>
        <translation>Importer des fichiers</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="173" />
        <source>Data files (*.csv *.tsv *.json *.jsonl *.ndjson *.sql *.sqlite *.db *.geojson *.zip);;All files (*)</source>
        <translation>Fichiers de données (*.csv *.tsv *.json *.jsonl *.ndjson *.sql *.sqlite *.db *.geojson *.zip);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="179" />
        <location filename="../ui/main_window/main_window.cpp" line="447" />
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="181" />
        <source>Export table as &amp;CSV</source>
        <translation>Exporter la table en &amp;CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="183" />
        <source>&amp;Backup now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="186" />
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="188" />
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="195" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="197" />
        <source>&amp;Cancel job</source>
        <translation>&amp;Annuler la tâche</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="204" />
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="259" />
        <source>Open database</source>
        <translation>Ouvrir une base</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="260" />
        <source>Cannot open %1:
%2</source>
        <translation>Impossible d’ouvrir %1 :
%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="301" />
        <source>%1 · last commit %2%3</source>
        <translation>%1 · dernier commit %2%3</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="302" />
        <source> · read-only</source>
        <translation> · lecture seule</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="303" />
        <source>Cannot list tables: %1</source>
        <translation>Impossible de lister les tables : %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="337" />
        <source>%1: filtered by %2</source>
        <translation>%1 : filtré par %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="338" />
        <source>The filter does not work: %1</source>
        <translation>Le filtre ne fonctionne pas : %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="366" />
        <source>Backup of %1</source>
        <translation>Sauvegarde de %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="373" />
        <source>Select a table to export first.</source>
        <translation>Sélectionnez d'abord une table à exporter.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="385" />
        <source>%1 as CSV</source>
        <translation>%1 en CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="397" />
        <source>Export of the database</source>
        <translation>Export de la base</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="399" />
        <source>Export of a query</source>
        <translation>Export d'une requête</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/main_window.cpp" line="400" />
        <source>Export of %n table(s)</source>
        <translation>
            <numerusform>Export de %n table</numerusform>
            <numerusform>Export de %n tables</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="415" />
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/main_window.cpp" line="416" />
        <source>Import of %n file(s)</source>
        <translation>
            <numerusform>Import de %n fichier</numerusform>
            <numerusform>Import de %n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="448" />
        <source>Export as &amp;CSV</source>
        <translation>Exporter en &amp;CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="449" />
        <source>&amp;Import into…</source>
        <translation>&amp;Importer dans…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="451" />
        <source>Import into %1</source>
        <translation>Importer dans %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="456" />
        <source>&amp;Drop…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="458" />
        <source>Drop table</source>
        <translation>Supprimer la table</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="459" />
        <source>Drop table %1 and all its rows? This cannot be undone.</source>
        <translation>Supprimer la table %1 et toutes ses lignes ? Ce sera définitif.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="477" />
        <source>Dropped table %1</source>
        <translation>Table %1 supprimée</translation>
    </message>
</context>
<context>
    <name>strata::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="20" />
        <source>Times in file names in &amp;UTC (default: local time)</source>
        <translation>Heures des noms de fichiers en &amp;UTC (sinon heure locale)</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="25" />
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="32" />
        <source>Default export folder</source>
        <translation>Dossier d’export par défaut</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="33" />
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="36" />
        <source>Export folder</source>
        <translation>Dossier d’export</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="47" />
        <source>Default CSV preset</source>
        <translation>Préréglage CSV par défaut</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="49" />
        <source>all</source>
        <translation>tous</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="51" />
        <source>Files of each kind to keep</source>
        <translation>Fichiers de chaque sorte à garder</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="52" />
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="57" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="60" />
        <source>Export folder:</source>
        <translation>Dossier d’export :</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="62" />
        <source>CSV preset:</source>
        <translation>Préréglage CSV :</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="63" />
        <source>Keep the newest (older go to archive/):</source>
        <translation>Garder les plus récents (les autres vont dans archive/) :</translation>
    </message>
    <message>
        <location filename="../ui/settings/settings_dialog.cpp" line="64" />
        <source>Language (at the next start):</source>
        <translation>Langue (au prochain démarrage) :</translation>
    </message>
</context>
<context>
    <name>strata::ui::SqlConsole</name>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="24" />
        <source>&amp;Run</source>
        <translation>&amp;Exécuter</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="25" />
        <source>E&amp;xport result…</source>
        <translation>E&amp;xporter le résultat…</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="30" />
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="31" />
        <source>SQL statements; Ctrl+Enter runs them</source>
        <translation>Instructions SQL ; Ctrl+Entrée les exécute</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="33" />
        <source>Run (Ctrl+Enter)</source>
        <translation>Exécuter (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="36" />
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="79" />
        <source>Running…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="90" />
        <source>Error: %1</source>
        <translation>Erreur : %1</translation>
    </message>
    <message>
        <location filename="../ui/console/sql_console.cpp" line="118" />
        <source>Done: %1 rows changed</source>
        <translation>Terminé : %1 lignes modifiées</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/console/sql_console.cpp" line="143" />
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n ligne</numerusform>
            <numerusform>%n lignes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::ui::TableDataModel</name>
    <message numerus="yes">
        <location filename="../ui/browser/table_data_model.cpp" line="115" />
        <source>(%n byte(s))</source>
        <translation>
            <numerusform>(%n octet)</numerusform>
            <numerusform>(%n octets)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::ui::TableListModel</name>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="84" />
        <source>key</source>
        <translation>clé</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="86" />
        <source>NOT NULL</source>
        <translation>NOT NULL</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="88" />
        <source>unique</source>
        <translation>unique</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="90" />
        <source>sensitive</source>
        <translation>sensible</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="110" />
        <source> (primary key)</source>
        <translation> (clé primaire)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="111" />
        <source> (sensitive)</source>
        <translation> (sensible)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="136" />
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="138" />
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="140" />
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="142" />
        <source>Created</source>
        <translation>Créée</translation>
    </message>
</context>
</TS>