# Source of the UI strings: run `python3 tools/strings.py` to regenerate
# src/VendorRisk.Web/Resources/SharedResource.resx (English) and SharedResource.fr.resx (French).
# Keeping both languages side by side here makes a missing translation impossible.
import html, os

S = {
 "AppName": ("VendorRisk", "VendorRisk"),
 "AppTagline": ("Vendor security risk for hospitals", "Le risque fournisseur pour les établissements de santé"),
 "SkipToContent": ("Skip to main content", "Aller au contenu principal"),
 "Nav_Label": ("Main navigation", "Navigation principale"),
 "Nav_Home": ("Home", "Accueil"),
 "Nav_Organisation": ("Organisation", "Organisation"),
 "Nav_Members": ("Members", "Membres"),
 "Nav_Toggle": ("Show or hide the navigation", "Afficher ou masquer la navigation"),
 "Culture_Label": ("Language", "Langue"),
 "Culture_en": ("English", "English"),
 "Culture_fr": ("Français", "Français"),
 "Account_Menu": ("Account of {0}", "Compte de {0}"),
 "Account_Logout": ("Sign out", "Se déconnecter"),
 "Login_Title": ("Sign in", "Connexion"),
 "Login_Email": ("E-mail address", "Adresse e-mail"),
 "Login_Password": ("Password", "Mot de passe"),
 "Login_RememberMe": ("Keep me signed in on this device", "Rester connecté sur cet appareil"),
 "Login_Submit": ("Sign in", "Se connecter"),
 "Login_Invalid": ("The e-mail address or the password is incorrect.", "L'adresse e-mail ou le mot de passe est incorrect."),
 "Login_LockedOut": ("This account is locked after too many failed attempts. Try again in a few minutes or contact your administrator.", "Ce compte est verrouillé après trop de tentatives échouées. Réessayez dans quelques minutes ou contactez votre administrateur."),
 "Login_NotAllowed": ("This account cannot sign in. Contact your administrator.", "Ce compte ne peut pas se connecter. Contactez votre administrateur."),
 "Login_EmailRequired": ("Enter your e-mail address.", "Saisissez votre adresse e-mail."),
 "Login_EmailInvalid": ("Enter a valid e-mail address.", "Saisissez une adresse e-mail valide."),
 "Login_PasswordRequired": ("Enter your password.", "Saisissez votre mot de passe."),
 "Login_TooLong": ("This field is too long.", "Ce champ est trop long."),
 "Login_SignedOut": ("You have been signed out.", "Vous avez été déconnecté."),
 "AccessDenied_Title": ("Access denied", "Accès refusé"),
 "AccessDenied_Text": ("Your role does not allow you to open this page. If you need it, ask an administrator of your organisation.", "Votre rôle ne vous permet pas d'ouvrir cette page. Si vous en avez besoin, demandez-le à un administrateur de votre organisation."),
 "NotFound_Title": ("Page not found", "Page introuvable"),
 "NotFound_Text": ("The page you asked for does not exist or has moved.", "La page demandée n'existe pas ou a été déplacée."),
 "BackToHome": ("Back to home", "Retour à l'accueil"),
 "Error_Title": ("Something went wrong", "Une erreur est survenue"),
 "Error_Text": ("The error has been recorded. Try again; if it happens again, give this reference to your support contact.", "L'erreur a été enregistrée. Réessayez ; si elle se reproduit, transmettez cette référence à votre support."),
 "Error_Reference": ("Reference:", "Référence :"),
 "Home_Welcome": ("Welcome, {0}", "Bienvenue, {0}"),
 "Home_ActingFor": ("You are acting for {0} as {1}.", "Vous agissez pour {0} en tant que {1}."),
 "Home_YourRole": ("What your role lets you do", "Ce que votre rôle vous permet"),
 "Home_NoOrganisation_Title": ("No organisation yet", "Aucune organisation"),
 "Home_NoOrganisation_Text": ("Your account is not a member of any organisation, so there is nothing to show. Ask an administrator of your organisation to invite you.", "Votre compte n'est membre d'aucune organisation : il n'y a rien à afficher. Demandez à un administrateur de votre organisation de vous inviter."),
 "HospitalHome_Title": ("Vendor risk at {0}", "Risque fournisseurs – {0}"),
 "HospitalHome_Intro": ("Record the vendors that hold your patients' data, assess how they protect it, and follow their risk over time.", "Recensez les éditeurs qui détiennent les données de vos patients, évaluez leur sécurité et suivez leur risque dans le temps."),
 "VendorHome_Title": ("Assessments for {0}", "Évaluations pour {0}"),
 "VendorHome_Intro": ("Hospitals send you security questionnaires here. You answer once, attach your evidence and follow up on findings.", "Les établissements de santé vous adressent ici leurs questionnaires de sécurité. Vous y répondez, joignez vos justificatifs et traitez les écarts."),
 "VendorHome_Empty": ("No hospital has sent you a questionnaire yet. When one does, it appears here with its due date.", "Aucun établissement ne vous a encore adressé de questionnaire. Il apparaîtra ici avec sa date d'échéance."),
 "Role_Administrator": ("Administrator", "Administrateur"),
 "Role_Procurement": ("Procurement", "Achats"),
 "Role_Ciso": ("CISO", "RSSI"),
 "Role_Dpo": ("DPO", "DPO"),
 "Role_Auditor": ("Auditor", "Auditeur"),
 "Role_VendorAdmin": ("Vendor administrator", "Administrateur fournisseur"),
 "Role_VendorContributor": ("Vendor contributor", "Contributeur fournisseur"),
 "RoleDuty_Administrator": ("Manage users and roles, single sign-on, tenant settings and the questionnaire library.", "Gérer les utilisateurs et les rôles, l'authentification unique, les paramètres de l'organisation et la bibliothèque de questionnaires."),
 "RoleDuty_Procurement": ("Record vendors, products and engagements; launch and chase assessments; keep contracts.", "Enregistrer les éditeurs, produits et prestations ; lancer et relancer les évaluations ; suivre les contrats."),
 "RoleDuty_Ciso": ("Review answers, raise findings, accept risks, set scoring and watch the dashboards and incidents.", "Examiner les réponses, ouvrir des écarts, accepter des risques, régler la notation et suivre tableaux de bord et incidents."),
 "RoleDuty_Dpo": ("Keep the data inventory, data processing agreements, incidents and notifications.", "Tenir l'inventaire des données, les accords de traitement (art. 28 RGPD), les incidents et les notifications."),
 "RoleDuty_Auditor": ("Read everything of your organisation, including the audit log; change nothing.", "Consulter toutes les données de votre organisation, y compris le journal d'audit, sans rien modifier."),
 "RoleDuty_VendorAdmin": ("Answer the questionnaires hospitals send you, upload evidence, answer findings and manage your colleagues.", "Répondre aux questionnaires des établissements, déposer des justificatifs, traiter les écarts et gérer vos collègues."),
 "RoleDuty_VendorContributor": ("Answer the questionnaires assigned to you and upload evidence.", "Répondre aux questionnaires qui vous sont confiés et déposer des justificatifs."),
 "Kind_Hospital": ("Hospital", "Établissement de santé"),
 "Kind_Vendor": ("Vendor", "Éditeur"),
 "Members_Title": ("Members of {0}", "Membres de {0}"),
 "Members_Name": ("Name", "Nom"),
 "Members_Email": ("E-mail address", "Adresse e-mail"),
 "Members_Role": ("Role", "Rôle"),
 "Members_Since": ("Member since", "Membre depuis"),
 "Members_Empty": ("This organisation has no members yet.", "Cette organisation n'a pas encore de membre."),
 "Members_Count": ("{0} members", "{0} membres"),
 "Reconnect_Rejoining": ("Reconnecting to the server…", "Reconnexion au serveur…"),
 "Reconnect_RetryIn": ("Reconnection failed. Trying again in", "La reconnexion a échoué. Nouvel essai dans"),
 "Reconnect_Seconds": ("seconds.", "secondes."),
 "Reconnect_Failed": ("Could not reconnect. Retry or reload the page.", "Impossible de se reconnecter. Réessayez ou rechargez la page."),
 "Reconnect_Retry": ("Retry", "Réessayer"),
 "Reconnect_Paused": ("The session was paused by the server.", "La session a été suspendue par le serveur."),
 "Reconnect_ResumeFailed": ("Could not resume the session. Retry or reload the page.", "Impossible de reprendre la session. Réessayez ou rechargez la page."),
 "Reconnect_Resume": ("Resume", "Reprendre"),
 # Questionnaire library
 "Nav_Questionnaires": ("Questionnaire templates", "Modèles de questionnaire"),
}

HEAD = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <!-- Generated by tools/strings.py: edit that file, not this one. -->
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def write(path, idx):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEAD)
        for k in sorted(S):
            f.write(f'  <data name="{k}" xml:space="preserve"><value>{html.escape(S[k][idx], quote=False)}</value></data>\n')
        f.write("</root>\n")

root = os.path.join(os.path.dirname(__file__), "..", "src", "VendorRisk.Web", "Resources")
os.makedirs(root, exist_ok=True)
write(os.path.join(root, "SharedResource.resx"), 0)
write(os.path.join(root, "SharedResource.fr.resx"), 1)
print(f"{len(S)} strings written")
