<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../ui/jobs/job_list.cpp" line="75"/>
        <source>%n file(s), %1 rows</source>
        <translation>
            <numerusform>%n fichier, %1 lignes</numerusform>
            <numerusform>%n fichiers, %1 lignes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="101"/>
        <source>%1 rows imported, %2 rejected</source>
        <translation>%1 lignes importées, %2 rejetées</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="104"/>
        <source>%1 rows imported</source>
        <translation>%1 lignes importées</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="35"/>
        <source>Get data out of a database and back in.</source>
        <translation>Sortir les données d’une base et les y remettre.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="40"/>
        <source>Database folder to open (default: the demo database).</source>
        <translation>Dossier de base de données à ouvrir (par défaut : la base de démonstration).</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="59"/>
        <source>Cannot open %1:
%2</source>
        <translation>Impossible d’ouvrir %1 :
%2</translation>
    </message>
</context>
<context>
    <name>strata::ui::ImportDialog</name>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="27"/>
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/import/import_dialog.cpp" line="28"/>
        <source>Import %n file(s)</source>
        <translation>
            <numerusform>Importer %n fichier</numerusform>
            <numerusform>Importer %n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="31"/>
        <source>Preview of the first rows</source>
        <translation>Aperçu des premières lignes</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="34"/>
        <source>Target table</source>
        <translation>Table cible</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="35"/>
        <source>Import mode</source>
        <translation>Mode d&apos;import</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="36"/>
        <source>Create a new table</source>
        <translation>Créer une nouvelle table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="37"/>
        <source>Append to the table</source>
        <translation>Ajouter à la table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="38"/>
        <source>Replace the table&apos;s rows</source>
        <translation>Remplacer les lignes de la table</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="39"/>
        <source>Merge by primary key</source>
        <translation>Fusionner par clé primaire</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="40"/>
        <source>When a row cannot be imported</source>
        <translation>Quand une ligne ne peut pas être importée</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="41"/>
        <source>Stop and import nothing</source>
        <translation>Arrêter et ne rien importer</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="42"/>
        <source>Skip it (rejects file)</source>
        <translation>L&apos;ignorer (fichier des rejets)</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="45"/>
        <source>Table:</source>
        <translation>Table :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="46"/>
        <source>Mode:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="47"/>
        <source>Bad rows:</source>
        <translation>Lignes erronées :</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="49"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="71"/>
        <source>Cannot read this file: %1</source>
        <translation>Impossible de lire ce fichier : %1</translation>
    </message>
    <message>
        <location filename="../ui/import/import_dialog.cpp" line="76"/>
        <source>Format: %1</source>
        <translation>Format : %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/import/import_dialog.cpp" line="84"/>
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n table</numerusform>
            <numerusform>%n tables</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::ui::JobList</name>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="209"/>
        <source>%1 rows/s</source>
        <translation>%1 lignes/s</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="216"/>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="220"/>
        <source>canceled — nothing was kept</source>
        <translation>annulé — rien n’a été conservé</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="222"/>
        <source>failed: %1</source>
        <translation>échec : %1</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="234"/>
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="236"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="238"/>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="240"/>
        <source>Speed</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="242"/>
        <source>Elapsed</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/jobs/job_list.cpp" line="244"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
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
        <translation>Tables</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="83"/>
        <source>Rows of the selected table</source>
        <translation>Lignes de la table sélectionnée</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="88"/>
        <source>Filter: a WHERE condition, e.g. age &gt; 30 AND name LIKE &apos;A%&apos;</source>
        <translation>Filtre : une condition WHERE, p. ex. age &gt; 30 AND name LIKE &apos;A%&apos;</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="89"/>
        <source>Row filter</source>
        <translation>Filtre des lignes</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="106"/>
        <location filename="../ui/main_window/main_window.cpp" line="113"/>
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="120"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="121"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="123"/>
        <source>Import files</source>
        <translation>Importer des fichiers</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="124"/>
        <source>Data files (*.csv *.tsv *.json *.jsonl *.ndjson *.sql *.sqlite *.db *.geojson *.zip);;All files (*)</source>
        <translation>Fichiers de données (*.csv *.tsv *.json *.jsonl *.ndjson *.sql *.sqlite *.db *.geojson *.zip);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="130"/>
        <source>Export table as &amp;CSV</source>
        <translation>Exporter la table en &amp;CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="132"/>
        <source>&amp;Backup now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="135"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="138"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="140"/>
        <source>&amp;Cancel job</source>
        <translation>&amp;Annuler la tâche</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="147"/>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="199"/>
        <source>%1 · last commit %2%3</source>
        <translation>%1 · dernier commit %2%3</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="200"/>
        <source> · read-only</source>
        <translation> · lecture seule</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="201"/>
        <source>Cannot list tables: %1</source>
        <translation>Impossible de lister les tables : %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="235"/>
        <source>%1: filtered by %2</source>
        <translation>%1 : filtré par %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="236"/>
        <source>The filter does not work: %1</source>
        <translation>Le filtre ne fonctionne pas : %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="246"/>
        <source>Backup of %1</source>
        <translation>Sauvegarde de %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="253"/>
        <source>Select a table to export first.</source>
        <translation>Sélectionnez d&apos;abord une table à exporter.</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="261"/>
        <source>%1 as CSV</source>
        <translation>%1 en CSV</translation>
    </message>
    <message>
        <location filename="../ui/main_window/main_window.cpp" line="272"/>
        <source>Import %1</source>
        <translation>Importer %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window/main_window.cpp" line="275"/>
        <source>Import of %n file(s)</source>
        <translation>
            <numerusform>Import de %n fichier</numerusform>
            <numerusform>Import de %n fichiers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::ui::TableDataModel</name>
    <message numerus="yes">
        <location filename="../ui/browser/table_data_model.cpp" line="105"/>
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
        <location filename="../ui/models/table_list_model.cpp" line="47"/>
        <source> (primary key)</source>
        <translation> (clé primaire)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="48"/>
        <source> (sensitive)</source>
        <translation> (sensible)</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="73"/>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="75"/>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="77"/>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <location filename="../ui/models/table_list_model.cpp" line="79"/>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
</context>
</TS>
